#ifndef CCURL_SHIM_H
#define CCURL_SHIM_H

/* The program does not link libcurl: curl_loader.c loads it (libcurl.so.4) the first time a
   libcurl function is called, so that commands which never make a request (--version, --help,
   manifests, the wizard before its first request) do not pay for loading libcurl and the thirty
   libraries it depends on. The functions of <curl/curl.h> that the Swift code calls are defined
   there and forward to the loaded library; the variadic ones are reached through the table
   below. When libcurl cannot be loaded the program says so and exits with status 127, as the
   dynamic loader would have. REMOTE_CLUSTER_WIZARD_LIBCURL names another file to load. */

#include <curl/curl.h>

/* The variadic functions of the loaded libcurl. */
struct ccurl_variadic_functions {
    CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
    CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
    CURLMcode (*multi_setopt)(CURLM *, CURLMoption, ...);
};

/* The loaded libcurl's variadic functions (loading it on the first call). */
const struct ccurl_variadic_functions *ccurl_variadics(void);

/* Starts loading libcurl on a thread of its own, for a command that will send a request soon:
   the loading (about 5 ms of the thirty libraries' mapping and relocation) then overlaps the
   command's own start. The first libcurl call waits for it to finish; a failure to load is
   reported by that call, as without the preload. Only the first call starts the thread. */
void ccurl_preload(void);

/* Called (from whichever thread made the first libcurl call) just before the program exits
   because libcurl cannot be loaded: a full-screen program gives the terminal back here, so that
   the message is seen on a restored terminal. */
void ccurl_set_load_failure_hook(void (*hook)(void));

/* curl_easy_setopt and curl_easy_getinfo are variadic: Swift needs one typed wrapper per
   argument type. */

static inline CURLcode ccurl_setopt_long(CURL *h, CURLoption o, long v) { return ccurl_variadics()->easy_setopt(h, o, v); }
static inline CURLcode ccurl_setopt_string(CURL *h, CURLoption o, const char *v) { return ccurl_variadics()->easy_setopt(h, o, v); }
static inline CURLcode ccurl_setopt_pointer(CURL *h, CURLoption o, void *v) { return ccurl_variadics()->easy_setopt(h, o, v); }
static inline CURLcode ccurl_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return ccurl_variadics()->easy_setopt(h, o, v); }
static inline CURLcode ccurl_setopt_off_t(CURL *h, CURLoption o, curl_off_t v) { return ccurl_variadics()->easy_setopt(h, o, v); }

typedef size_t (*ccurl_data_callback)(char *ptr, size_t size, size_t nmemb, void *userdata);
static inline CURLcode ccurl_setopt_write_function(CURL *h, ccurl_data_callback f) { return ccurl_variadics()->easy_setopt(h, CURLOPT_WRITEFUNCTION, f); }
static inline CURLcode ccurl_setopt_header_function(CURL *h, ccurl_data_callback f) { return ccurl_variadics()->easy_setopt(h, CURLOPT_HEADERFUNCTION, f); }
static inline CURLcode ccurl_setopt_read_function(CURL *h, ccurl_data_callback f) { return ccurl_variadics()->easy_setopt(h, CURLOPT_READFUNCTION, f); }

typedef int (*ccurl_xferinfo_callback)(void *clientp, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow);
static inline CURLcode ccurl_setopt_xferinfo_function(CURL *h, ccurl_xferinfo_callback f) { return ccurl_variadics()->easy_setopt(h, CURLOPT_XFERINFOFUNCTION, f); }

/* CURLOPT_DEBUGFUNCTION: receives libcurl's informational text (e.g. the negotiated TLS version)
   when CURLOPT_VERBOSE is on. */
typedef int (*ccurl_debug_callback)(CURL *handle, curl_infotype type, char *data, size_t size, void *userdata);
static inline CURLcode ccurl_setopt_debug_function(CURL *h, ccurl_debug_callback f) { return ccurl_variadics()->easy_setopt(h, CURLOPT_DEBUGFUNCTION, f); }

static inline CURLcode ccurl_getinfo_long(CURL *h, CURLINFO i, long *v) { return ccurl_variadics()->easy_getinfo(h, i, v); }
static inline CURLcode ccurl_getinfo_double(CURL *h, CURLINFO i, double *v) { return ccurl_variadics()->easy_getinfo(h, i, v); }
static inline CURLcode ccurl_getinfo_string(CURL *h, CURLINFO i, char **v) { return ccurl_variadics()->easy_getinfo(h, i, v); }
static inline CURLcode ccurl_getinfo_off_t(CURL *h, CURLINFO i, curl_off_t *v) { return ccurl_variadics()->easy_getinfo(h, i, v); }
static inline CURLcode ccurl_getinfo_certinfo(CURL *h, struct curl_certinfo **v) { return ccurl_variadics()->easy_getinfo(h, CURLINFO_CERTINFO, v); }

static inline CURLMcode ccurl_multi_setopt_long(CURLM *m, CURLMoption o, long v) { return ccurl_variadics()->multi_setopt(m, o, v); }

/* curl_global_init(CURL_GLOBAL_DEFAULT) once per process (loading libcurl first); later calls
   return the first one's result. The preload thread calls it as soon as libcurl is loaded. */
CURLcode ccurl_global_init_once(void);

/* The fields of a CURLMsg that a multi loop needs; the union is awkward from Swift. */
static inline int ccurl_msg_is_done(const CURLMsg *m) { return m->msg == CURLMSG_DONE; }
static inline CURL *ccurl_msg_easy_handle(const CURLMsg *m) { return m->easy_handle; }
static inline CURLcode ccurl_msg_result(const CURLMsg *m) { return m->data.result; }

#endif
