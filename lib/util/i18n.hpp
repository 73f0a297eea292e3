#pragma once
// Translated user-facing messages.  Messages are written in English in the
// source and marked with tr / trf / ntrf (and N_ where only marked), so
// xgettext finds them; GNU gettext catalogs in po/ are compiled by msgfmt at
// build time and embedded in the binary (see cmake/embed_catalogs.cmake), so
// a build-tree binary speaks every language the installed one does.
// --json keys, exit codes and stored values are never translated.
#include <fmt/format.h>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hostingctl::i18n {

// The languages with a catalog, besides English ("en", the msgids).
const std::vector<std::string>& languages();

// Chooses the language of messages for the rest of the run: a code of
// languages() uses its catalog; "en" (or anything else) prints the msgids.
void set_language(std::string_view code);
// The language chosen ("en" until set_language picks another).
const std::string& language();

// The language a user's environment asks for, as gettext reads it: the
// first of LC_ALL, LC_MESSAGES and LANG that is set names the locale
// ("id_ID.UTF-8" -> "id"); unless that locale is C or POSIX, LANGUAGE
// (a colon-separated list) takes precedence.  "en" when nothing names a
// language with a catalog.
std::string language_from_environment();

// The translation of `msgid` in the chosen language, or `msgid` itself.
// The result lives as long as the program.
const char* translate(const char* msgid);
// The translation of a message with a number: English picks `singular`
// for n == 1 and `plural` otherwise; a catalog picks its own form.
const char* translate_plural(const char* singular, const char* plural, unsigned long n);

// Every (msgid, msgstr) pair of a language's catalog, the header excluded;
// for plural entries the msgid and msgstr hold their forms separated by NUL.
std::vector<std::pair<std::string_view, std::string_view>> entries(std::string_view code);

} // namespace hostingctl::i18n

namespace hostingctl {

// Marks a message for translation without translating it (static tables
// whose entries are translated where they are printed, with tr).
#define N_(msgid) msgid

// A translated message.
inline const char* tr(const char* msgid) {
    return i18n::translate(msgid);
}

// A translated message with {} placeholders filled in (fmt syntax; a
// catalog may reorder them as {0} {1}).
template <class... Args> std::string trf(const char* msgid, Args&&... args) {
    return fmt::format(fmt::runtime(i18n::translate(msgid)), std::forward<Args>(args)...);
}

// A translated message whose wording depends on the number n, e.g.
// ntrf("{} request", "{} requests", n, n).
template <class... Args>
std::string ntrf(const char* singular, const char* plural, unsigned long n, Args&&... args) {
    return fmt::format(fmt::runtime(i18n::translate_plural(singular, plural, n)),
                       std::forward<Args>(args)...);
}

} // namespace hostingctl
