#ifndef SERA_CPOPPLER_SHIM_H
#define SERA_CPOPPLER_SHIM_H
#include <poppler.h>
#endif
