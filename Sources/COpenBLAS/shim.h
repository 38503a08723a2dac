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

/* The libraries are opened with dlopen on first use (Stats/Linear/BLASLibrary.swift), not linked:
   loading OpenBLAS and LAPACKE costs every process ~3 ms, and most commands never call them.
   These pointer types are taken from the declarations above, so a signature cannot drift. */
typedef __typeof__(&cblas_dgemm) audit_cblas_dgemm_fn;
typedef __typeof__(&cblas_dgemv) audit_cblas_dgemv_fn;
typedef __typeof__(&LAPACKE_dgels) audit_lapacke_dgels_fn;
typedef __typeof__(&openblas_set_num_threads) audit_openblas_set_num_threads_fn;
typedef __typeof__(&openblas_get_config) audit_openblas_get_config_fn;
typedef __typeof__(&openblas_get_corename) audit_openblas_get_corename_fn;

#endif
