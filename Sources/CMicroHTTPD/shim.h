#ifndef SERA_CMICROHTTPD_SHIM_H
#define SERA_CMICROHTTPD_SHIM_H
#include <stdint.h>
#include <stdarg.h>
#include <string.h>
#include <sys/types.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <microhttpd.h>

/* MHD_start_daemon is variadic, and binds 0.0.0.0 unless given an address: bind the one asked for. */
static inline struct MHD_Daemon *sera_mhd_start(unsigned int flags, const char *host, uint16_t port,
    MHD_AccessHandlerCallback handler, void *ctx, MHD_RequestCompletedCallback completed,
    void *completed_ctx, unsigned int thread_pool_size, unsigned int conn_timeout_s,
    unsigned int connection_limit) {
  struct sockaddr_in sa;
  memset(&sa, 0, sizeof sa);
  sa.sin_family = AF_INET;
  sa.sin_port = htons(port);
  if (inet_pton(AF_INET, host, &sa.sin_addr) != 1) return NULL;
  return MHD_start_daemon(flags, port, NULL, NULL, handler, ctx,
      MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
      MHD_OPTION_THREAD_POOL_SIZE, thread_pool_size,
      MHD_OPTION_CONNECTION_TIMEOUT, conn_timeout_s,
      MHD_OPTION_CONNECTION_LIMIT, connection_limit,
      MHD_OPTION_NOTIFY_COMPLETED, completed, completed_ctx,
      MHD_OPTION_END);
}
#endif
