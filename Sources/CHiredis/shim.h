#ifndef SERA_CHIREDIS_SHIM_H
#define SERA_CHIREDIS_SHIM_H
#include <sys/time.h>
#include <hiredis/hiredis.h>
#endif
