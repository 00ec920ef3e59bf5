#ifndef SERA_CLIBXML2_SHIM_H
#define SERA_CLIBXML2_SHIM_H
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#endif
