/*===- Cwm.h - C API of cwm --------------------------------------*- C -*-===*\
|*                                                                            *|
|* The main entry points of cwm for frameworks written in (or bound through)  *|
|* C. Every function returning int returns 0 on success and non-zero on       *|
|* failure; strings returned through `char **` are allocated by cwm, owned by *|
|* the caller and released with cwmFree. On failure `*error` (when the        *|
|* pointer is not NULL) receives a message naming the problem.                *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#ifndef CWM_C_CWM_H
#define CWM_C_CWM_H

#ifdef __cplusplus
extern "C" {
#endif

/** The version of cwm's embedding interfaces ("MAJOR.MINOR"). */
const char *cwmVersion(void);

/** Registers cwm's passes and pipelines (cwm-autotune, cwm-apply-best,
 *  cwm-lower-cpu, ...) and MLIR's passes with MLIR's global pass registry.
 *  Idempotent. C++ drivers that build their own DialectRegistry call
 *  cwm::registerEverything (cwm/Api/Api.h) instead. */
void cwmRegisterPasses(void);

/** Tunes `module` (MLIR text: Linalg on tensors, static shapes). `options`
 *  takes cwm-autotune's option syntax, e.g. "budget=256 db=tune.jsonl".
 *  On success `*tunedModule` holds the module with the best schedules
 *  applied and `*reportJson` the tuning report (either may be NULL). */
int cwmTune(const char *module, const char *options, char **tunedModule,
            char **reportJson, char **error);

/** Compiles `module` into a CPU shared object at `outputPath`, applying the
 *  best schedules of `database` (NULL or "": default lowering). On success
 *  `*signatureJson` (may be NULL) describes the entry points: each public
 *  function F is exported as _mlir_ciface_F(inputs..., outputs...) taking
 *  pointers to MLIR memref descriptors, outputs allocated by the caller. */
int cwmCompile(const char *module, const char *outputPath,
               const char *database, char **signatureJson, char **error);

/** Releases a string returned by cwm. NULL is ignored. */
void cwmFree(char *string);

#ifdef __cplusplus
}
#endif

#endif /* CWM_C_CWM_H */
