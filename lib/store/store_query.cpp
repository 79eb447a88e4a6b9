#include "store/store_query.h"

#include "handle.h"
#include "json.h"

#include <sqlite3.h>

#include <memory>

namespace qw {

std::optional<double> sqlite_number(const std::string& path, const std::string& sql,
                                    const std::vector<std::pair<std::string, std::string>>& params,
                                    std::string* err)
{
    sqlite3* raw = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
    std::unique_ptr<sqlite3, Deleter<sqlite3_close>> db(raw);
    if (rc != SQLITE_OK) {
        *err = path + ": " + (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc));
        return std::nullopt;
    }
    sqlite3_busy_timeout(db.get(), 5000);
    sqlite3_stmt* s = nullptr;
    rc = sqlite3_prepare_v2(db.get(), sql.c_str(), static_cast<int>(sql.size()), &s, nullptr);
    std::unique_ptr<sqlite3_stmt, Deleter<sqlite3_finalize>> stmt(s);
    if (rc != SQLITE_OK || !s) {
        *err = path + ": " + (rc != SQLITE_OK ? sqlite3_errmsg(db.get()) : "the query is empty");
        return std::nullopt;
    }
    if (!sqlite3_stmt_readonly(s)) {
        *err = path + ": the query would write; it may only read";
        return std::nullopt;
    }
    for (const auto& [name, value] : params)
        if (int i = sqlite3_bind_parameter_index(s, name.c_str()); i > 0)
            sqlite3_bind_text(s, i, value.c_str(), static_cast<int>(value.size()), SQLITE_STATIC);
    rc = sqlite3_step(s);
    if (rc == SQLITE_DONE) {
        *err = path + ": the query returned no rows";
        return std::nullopt;
    }
    if (rc != SQLITE_ROW) {
        *err = path + ": " + sqlite3_errmsg(db.get());
        return std::nullopt;
    }
    switch (sqlite3_column_type(s, 0)) {
    case SQLITE_INTEGER:
    case SQLITE_FLOAT:
        return sqlite3_column_double(s, 0);
    case SQLITE_NULL:
        *err = path + ": the query returned NULL";
        return std::nullopt;
    default:
        break;
    }
    const unsigned char* t = sqlite3_column_text(s, 0);
    std::string text = t ? reinterpret_cast<const char*>(t) : "";
    if (auto v = parse_number(text))
        return v;
    *err = path + ": the query returned \"" + text.substr(0, 40) + "\", not a number";
    return std::nullopt;
}

}  // namespace qw
