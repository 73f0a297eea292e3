// The one table of request actions: every enum value has its row, in enum
// order (info() indexes by it), with a unique name.
#include "model/action.hpp"
#include "support.hpp"

#include <set>

using namespace hostingctl;

TEST_CASE("the action table has one row per action, in enum order, with unique names") {
    const auto& table = request_actions();
    std::set<std::string> names;
    for (size_t i = 0; i < table.size(); ++i) {
        INFO(table[i].name);
        CHECK(static_cast<size_t>(table[i].action) == i);
        CHECK(names.insert(table[i].name).second);
        CHECK(parse_action(table[i].name) == table[i].action);
        CHECK(info(table[i].action).name == std::string(table[i].name));
    }
    CHECK(table.back().action == Action::attach);
    CHECK_FALSE(parse_action("disposee"));
    CHECK_FALSE(parse_action(""));
}

TEST_CASE("steps are stored under the names of the service standard's commands") {
    CHECK(std::string(to_string(Action::create)) == "new");
    CHECK(std::string(to_string(Action::dispose)) == "dispose");
    CHECK(std::string(to_string(Action::complete)) == "complete");
    CHECK_FALSE(info(Action::deliver).record_only);
    CHECK(info(Action::provision_result).record_only);
    CHECK(info(Action::document).since_schema == 2);
}

TEST_CASE("is() compares an event's action by the table") {
    Event e;
    e.action = "assign";
    CHECK(is(e, Action::assign));
    CHECK_FALSE(is(e, Action::dispose));
}
