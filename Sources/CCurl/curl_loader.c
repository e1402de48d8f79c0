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
            ccurl_library_name, detail);
    _exit(127);
}

/* Why loading failed (empty: it did not), kept for the thread that needs libcurl: loading may
   run on the preload thread, which must not end the program, and dlerror() is per thread. */
static char ccurl_load_error[512];

static void ccurl_note_failure(void) {
    const char *detail = dlerror();
    snprintf(ccurl_load_error, sizeof ccurl_load_error, "%s", detail != NULL ? detail : "unknown error");
}

/* Whether every symbol was found; notes the failure otherwise. */
static int ccurl_symbol(void *library, const char *name, void **symbol) {
    *symbol = dlsym(library, name);
    if (*symbol == NULL) ccurl_note_failure();
    return *symbol != NULL;
}

static void ccurl_load_once(void) {
    const char *override = getenv("REMOTE_CLUSTER_WIZARD_LIBCURL");
    if (override != NULL && override[0] != '\0') ccurl_library_name = override;
    void *library = dlopen(ccurl_library_name, RTLD_LAZY | RTLD_LOCAL);
    if (library == NULL) {
        ccurl_note_failure();
        return;
    }
    void *symbol;
#define CCURL_RESOLVE(target, type, name)                 \
    if (!ccurl_symbol(library, name, &symbol)) return; \
    target = (type)symbol;
#define CCURL_VALUE_RESOLVE(name, result, parameters, arguments) CCURL_RESOLVE(loaded_##name, result(*) parameters, #name)
#define CCURL_VOID_RESOLVE(name, parameters, arguments) CCURL_RESOLVE(loaded_##name, void(*) parameters, #name)
    CCURL_VALUE_FUNCTIONS(CCURL_VALUE_RESOLVE)
    CCURL_VOID_FUNCTIONS(CCURL_VOID_RESOLVE)
    CCURL_RESOLVE(loaded_variadics.easy_setopt, CURLcode(*)(CURL *, CURLoption, ...), "curl_easy_setopt")
    CCURL_RESOLVE(loaded_variadics.easy_getinfo, CURLcode(*)(CURL *, CURLINFO, ...), "curl_easy_getinfo")
    CCURL_RESOLVE(loaded_variadics.multi_setopt, CURLMcode(*)(CURLM *, CURLMoption, ...), "curl_multi_setopt")
}

/* Loads libcurl once (or waits for the preload thread that is loading it); exits with 127 when
   it cannot be loaded. */
static inline void ccurl_load(void) {
    pthread_once(&ccurl_once, ccurl_load_once);
    if (ccurl_load_error[0] != '\0') ccurl_fail(ccurl_load_error);
}

/* Only the loading (dlopen, which runs the libraries' constructors with the dynamic loader's
   lock held): curl_global_init stays with the first request. If the program exits meanwhile,
   exit waits for that lock before it runs the libraries' destructors, whereas OpenSSL's
   initialisation registers an exit handler that could run while it is still going on. */
static void *ccurl_preload_thread(void *unused) {
    (void)unused;
    pthread_once(&ccurl_once, ccurl_load_once);
    return NULL;
}

void ccurl_preload(void) {
    pthread_attr_t attributes;
    if (pthread_attr_init(&attributes) != 0) return;
    pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
    pthread_t thread;
    /* Without the thread, the first request loads libcurl as before. */
    (void)pthread_create(&thread, &attributes, ccurl_preload_thread, NULL);
    pthread_attr_destroy(&attributes);
}

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
