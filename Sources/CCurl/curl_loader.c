/* Loads libcurl on first use instead of at program start; see shim.h. */
#define _GNU_SOURCE
#include "shim.h"

#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
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

/* OpenSSL 3 frees its global state from an exit handler of its own, whichever thread calls exit
   and whatever the other threads are doing: a thread that ends at that moment (its OpenSSL
   per-thread state is released through that state's locks) or libcurl's thread closing a
   connection then uses freed memory, and the program crashes while exiting (about one `status`
   run in 500, with SIGSEGV or SIGABRT). OpenSSL's NO_ATEXIT option leaves that state alone; the
   system takes the memory back with the process. The option counts only before OpenSSL's first
   use, which is libcurl's initialisation. A libcurl on another TLS library has no such function,
   and nothing needs doing. */
#define CCURL_OPENSSL_INIT_NO_ATEXIT 0x00080000L

static void ccurl_keep_openssl_state_at_exit(void *library) {
    int (*initialise)(uint64_t options, const void *settings) =
        (int (*)(uint64_t, const void *))dlsym(library, "OPENSSL_init_crypto");
    if (initialise != NULL) (void)initialise(CCURL_OPENSSL_INIT_NO_ATEXIT, NULL);
}

/* How the libraries are bound. RTLD_DEEPBIND: a symbol libcurl and the libraries it needs look
   up is searched among those libraries first, then among the program's own (ncurses, libstdc++,
   libm, libgcc_s): most of their lookups are of their own functions (OpenSSL's calls into
   itself), and searching the program's libraries first made the loading about a quarter slower
   (14.6 M instructions against 11.4 M, in a C program that links what this one links). The
   program exports no symbols and has no copy relocations, so nothing it defines could have
   taken the place of a library's own. */
#define CCURL_DLOPEN_MODE (RTLD_LAZY | RTLD_LOCAL | RTLD_DEEPBIND)

static void ccurl_load_once(void) {
    const char *override = getenv("REMOTE_CLUSTER_WIZARD_LIBCURL");
    if (override != NULL && override[0] != '\0') ccurl_library_name = override;
    void *library = dlopen(ccurl_library_name, CCURL_DLOPEN_MODE);
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
    ccurl_keep_openssl_state_at_exit(library);
}

/* Loads libcurl once (or waits for the preload thread that is loading it); exits with 127 when
   it cannot be loaded. */
static inline void ccurl_load(void) {
    pthread_once(&ccurl_once, ccurl_load_once);
    if (ccurl_load_error[0] != '\0') ccurl_fail(ccurl_load_error);
}

/* libcurl's own initialisation (curl_global_init), once, after the loading. */
static pthread_once_t ccurl_initialise_once = PTHREAD_ONCE_INIT;
static CURLcode ccurl_initialise_result;

static void ccurl_initialise(void) {
    ccurl_load();
    ccurl_initialise_result = loaded_curl_global_init(CURL_GLOBAL_DEFAULT);
}

CURLcode ccurl_global_init_once(void) {
    pthread_once(&ccurl_initialise_once, ccurl_initialise);
    return ccurl_initialise_result;
}

/* The loading (dlopen, which runs the libraries' constructors with the dynamic loader's lock
   held), then libcurl's initialisation. If the program exits meanwhile, exit waits for that lock
   before it runs the libraries' destructors, and OpenSSL registers no exit handler (see
   ccurl_keep_openssl_state_at_exit). A library that could not be loaded is left for the first
   libcurl call to report: this thread must not end the program. */
static void *ccurl_preload_thread(void *unused) {
    (void)unused;
    pthread_once(&ccurl_once, ccurl_load_once);
    if (ccurl_load_error[0] == '\0') (void)ccurl_global_init_once();
    return NULL;
}

static pthread_once_t ccurl_preload_once = PTHREAD_ONCE_INIT;

static void ccurl_start_preload_thread(void) {
    pthread_attr_t attributes;
    if (pthread_attr_init(&attributes) != 0) return;
    pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
    pthread_t thread;
    /* Without the thread, the first request loads libcurl as before. */
    (void)pthread_create(&thread, &attributes, ccurl_preload_thread, NULL);
    pthread_attr_destroy(&attributes);
}

/* Starts the preload thread the first time only, so that a command that is asked for it twice
   (by the entry point and by the command itself) still has one loader. */
void ccurl_preload(void) {
    pthread_once(&ccurl_preload_once, ccurl_start_preload_thread);
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
