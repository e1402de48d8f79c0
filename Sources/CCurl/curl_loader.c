/* Loads libcurl on first use instead of at program start; see shim.h. */
#define _GNU_SOURCE
#include "shim.h"

#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* The library: the soname Debian's libcurl4 (OpenSSL flavour) installs, or the file named by
   REMOTE_CLUSTER_WIZARD_LIBCURL (a libcurl elsewhere; the tests use it for the failure path). */
static const char *ccurl_library_name = "libcurl.so.4";

/* Every non-variadic libcurl function the program calls, as (name, result, parameters, arguments).
   A function the Swift code starts to call must be added here, or the link fails. */
#define CCURL_VALUE_FUNCTIONS(X)                                                                   \
    X(curl_global_init, CURLcode, (long flags), (flags))                                           \
    X(curl_version, char *, (void), ())                                                            \
    X(curl_easy_init, CURL *, (void), ())                                                          \
    X(curl_easy_strerror, const char *, (CURLcode code), (code))                                   \
    X(curl_slist_append, struct curl_slist *, (struct curl_slist * list, const char *data), (list, data)) \
    X(curl_multi_init, CURLM *, (void), ())                                                        \
    X(curl_multi_cleanup, CURLMcode, (CURLM * multi), (multi))                                     \
    X(curl_multi_add_handle, CURLMcode, (CURLM * multi, CURL * easy), (multi, easy))               \
    X(curl_multi_remove_handle, CURLMcode, (CURLM * multi, CURL * easy), (multi, easy))            \
    X(curl_multi_perform, CURLMcode, (CURLM * multi, int *running), (multi, running))              \
    X(curl_multi_poll, CURLMcode,                                                                  \
      (CURLM * multi, struct curl_waitfd extra_fds[], unsigned int extra_count, int timeout, int *ready), \
      (multi, extra_fds, extra_count, timeout, ready))                                             \
    X(curl_multi_wakeup, CURLMcode, (CURLM * multi), (multi))                                      \
    X(curl_multi_info_read, CURLMsg *, (CURLM * multi, int *queued), (multi, queued))

#define CCURL_VOID_FUNCTIONS(X)                                                                    \
    X(curl_easy_cleanup, (CURL * easy), (easy))                                                    \
    X(curl_slist_free_all, (struct curl_slist * list), (list))

/* The loaded library's functions. */
#define CCURL_VALUE_POINTER(name, result, parameters, arguments) static result(*loaded_##name) parameters;
#define CCURL_VOID_POINTER(name, parameters, arguments) static void(*loaded_##name) parameters;
CCURL_VALUE_FUNCTIONS(CCURL_VALUE_POINTER)
CCURL_VOID_FUNCTIONS(CCURL_VOID_POINTER)
static struct ccurl_variadic_functions loaded_variadics;
static pthread_once_t ccurl_once = PTHREAD_ONCE_INIT;

static void (*ccurl_load_failure_hook)(void);

void ccurl_set_load_failure_hook(void (*hook)(void)) { ccurl_load_failure_hook = hook; }

/* Like the dynamic loader when a library is missing: say what and why, exit with 127 (after the
   hook, which restores the terminal of a full-screen program). */
static void ccurl_fail(const char *detail) {
    if (ccurl_load_failure_hook != NULL) ccurl_load_failure_hook();
    fprintf(stderr, "%s: cannot load %s (%s); install libcurl4 and try again.\n", program_invocation_short_name,
            ccurl_library_name, detail ? detail : "unknown error");
    _exit(127);
}

static void *ccurl_symbol(void *library, const char *name) {
    void *symbol = dlsym(library, name);
    if (symbol == NULL) ccurl_fail(dlerror());
    return symbol;
}

static void ccurl_load_once(void) {
    const char *override = getenv("REMOTE_CLUSTER_WIZARD_LIBCURL");
    if (override != NULL && override[0] != '\0') ccurl_library_name = override;
    void *library = dlopen(ccurl_library_name, RTLD_LAZY | RTLD_LOCAL);
    if (library == NULL) ccurl_fail(dlerror());
#define CCURL_VALUE_RESOLVE(name, result, parameters, arguments) \
    loaded_##name = (result(*) parameters)ccurl_symbol(library, #name);
#define CCURL_VOID_RESOLVE(name, parameters, arguments) loaded_##name = (void(*) parameters)ccurl_symbol(library, #name);
    CCURL_VALUE_FUNCTIONS(CCURL_VALUE_RESOLVE)
    CCURL_VOID_FUNCTIONS(CCURL_VOID_RESOLVE)
    loaded_variadics.easy_setopt = (CURLcode(*)(CURL *, CURLoption, ...))ccurl_symbol(library, "curl_easy_setopt");
    loaded_variadics.easy_getinfo = (CURLcode(*)(CURL *, CURLINFO, ...))ccurl_symbol(library, "curl_easy_getinfo");
    loaded_variadics.multi_setopt = (CURLMcode(*)(CURLM *, CURLMoption, ...))ccurl_symbol(library, "curl_multi_setopt");
}

static inline void ccurl_load(void) { pthread_once(&ccurl_once, ccurl_load_once); }

const struct ccurl_variadic_functions *ccurl_variadics(void) {
    ccurl_load();
    return &loaded_variadics;
}

/* The forwarders, hidden so that libcurl's own calls to these names never come back here. */
#define CCURL_VALUE_FORWARD(name, result, parameters, arguments) \
    __attribute__((visibility("hidden"))) result name parameters {   \
        ccurl_load();                                                \
        return loaded_##name arguments;                              \
    }
#define CCURL_VOID_FORWARD(name, parameters, arguments)         \
    __attribute__((visibility("hidden"))) void name parameters { \
        ccurl_load();                                            \
        loaded_##name arguments;                                 \
    }
CCURL_VALUE_FUNCTIONS(CCURL_VALUE_FORWARD)
CCURL_VOID_FUNCTIONS(CCURL_VOID_FORWARD)
