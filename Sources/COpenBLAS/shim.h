#ifndef AUDIT_COPENBLAS_SHIM_H
#define AUDIT_COPENBLAS_SHIM_H

/* Debian's <cblas.h> is an update-alternatives link; with libopenblas-dev it is
   OpenBLAS's header. The openblas_* extras are redeclared so that the shim also
   compiles against the netlib header (identical redeclarations are legal C). */
#include <cblas.h>
#include <lapacke.h>

char *openblas_get_config(void);
char *openblas_get_corename(void);
int openblas_get_num_threads(void);
void openblas_set_num_threads(int num_threads);

#endif
