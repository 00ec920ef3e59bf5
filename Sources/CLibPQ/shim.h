#ifndef SERA_CLIBPQ_SHIM_H
#define SERA_CLIBPQ_SHIM_H
#include <postgresql/libpq-fe.h>
#endif
