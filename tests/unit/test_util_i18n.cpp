#include "util/i18n.hpp"

#include <cstdlib>
#include <doctest/doctest.h>
#include <optional>
#include <regex>
#include <set>
#include <string>

using namespace hostingctl;

namespace {

// Sets (or with nullptr unsets) an environment variable for one scope.
class EnvVar {
  public:
    EnvVar(const char* name, const char* value) : name_(name) {
        if (const char* old = std::getenv(name))
            old_ = old;
        value ? ::setenv(name, value, 1) : ::unsetenv(name);
    }
    ~EnvVar() { old_ ? ::setenv(name_, old_->c_str(), 1) : ::unsetenv(name_); }

  private:
    const char* name_;
    std::optional<std::string> old_;
};

// The {…} placeholders of a message, as a sorted multiset ("{}" counted
// as positional by order, so "{} {}" and "{1} {0}" hold the same two).
std::multiset<std::string> placeholders(std::string_view s) {
    std::multiset<std::string> found;
    static const std::regex re(R"(\{([0-9]*)(:[^}]*)?\})");
    std::string text(s);
    int next = 0;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator();
         ++it) {
        std::string index = (*it)[1].str();
        found.insert((index.empty() ? std::to_string(next++) : index) + (*it)[2].str());
    }
    return found;
}

} // namespace

TEST_CASE("messages are English until a language with a catalog is chosen") {
    i18n::set_language("en");
    CHECK(std::string(tr("hint: {}")) == "hint: {}");
    i18n::set_language("id");
    CHECK(i18n::language() == "id");
    CHECK(trf("hint: {}", "x") == "saran: x");
    i18n::set_language("xx");
    CHECK(i18n::language() == "en");
    CHECK(trf("hint: {}", "x") == "hint: x");
}

TEST_CASE("a message without a translation prints as written") {
    i18n::set_language("id");
    CHECK(std::string(tr("no such message, surely")) == "no such message, surely");
    CHECK(ntrf("{} apple", "{} apples", 2, 2) == "2 apples");
    i18n::set_language("en");
    CHECK(ntrf("{} apple", "{} apples", 1, 1) == "1 apple");
}

TEST_CASE("the language comes from the locale as gettext reads it") {
    EnvVar all("LC_ALL", nullptr), msgs("LC_MESSAGES", nullptr), list("LANGUAGE", nullptr);
    {
        EnvVar lang("LANG", "id_ID.UTF-8");
        CHECK(i18n::language_from_environment() == "id");
    }
    {
        EnvVar lang("LANG", "in_ID");
        CHECK(i18n::language_from_environment() == "id");
    }
    {
        EnvVar lang("LANG", "en_US.UTF-8");
        CHECK(i18n::language_from_environment() == "en");
        EnvVar l2("LANGUAGE", "id:en");
        CHECK(i18n::language_from_environment() == "id");
    }
    {
        // LANGUAGE is ignored when the locale is C, as in gettext.
        EnvVar lang("LANG", "C"), l2("LANGUAGE", "id");
        CHECK(i18n::language_from_environment() == "en");
    }
    {
        EnvVar lang("LANG", "id_ID.UTF-8"), a("LC_ALL", "C.UTF-8");
        CHECK(i18n::language_from_environment() == "en");
    }
    {
        EnvVar lang("LANG", "fr_FR.UTF-8");
        CHECK(i18n::language_from_environment() == "en");
    }
}

TEST_CASE("every translation keeps the placeholders of its message") {
    for (const std::string& lang : i18n::languages()) {
        auto entries = i18n::entries(lang);
        CHECK(!entries.empty());
        for (const auto& [id, str] : entries) {
            // Plural forms are separated by NUL; each keeps the placeholders.
            std::string_view forms = str;
            while (true) {
                std::string_view form = forms.substr(0, forms.find('\0'));
                INFO(lang, ": ", id, " -> ", form);
                CHECK(placeholders(form) == placeholders(id));
                if (form.size() == forms.size())
                    break;
                forms.remove_prefix(form.size() + 1);
            }
        }
    }
}
