// Discord incoming webhooks (notifiers.md §1): ?wait=true so that a dropped
// message shows, no mentions, a DiscordBot User-Agent, content within 2,000
// characters (a long run becomes several messages), 429 with retry_after.
#pragma once
#include "notify_delivery.h"

#include <string>
#include <string_view>
#include <vector>

namespace qw {

// Discord counts content in UTF-16 code units; so do we.
size_t utf16_length(std::string_view utf8);

// Splits text at line ends into pieces of at most limit UTF-16 units, each
// trimmed of surrounding white space (Discord trims before counting); a
// longer line is cut between characters.  Empty pieces are dropped.
std::vector<std::string> discord_split(const std::string& text, size_t limit = 2000);

// At most max_messages pieces: past that, the last one says how many were
// left out instead of sending them (a huge input once made 5,991 messages).
constexpr size_t discord_max_messages = 10;
void cap_messages(std::vector<std::string>& pieces, size_t max_messages = discord_max_messages);

// {"content":...,"allowed_mentions":{"parse":[]}}
std::string discord_body(const std::string& content);

// The webhook URL with wait=true added to its query.
std::string discord_url(const std::string& webhook);

// The outcome of one answer: 200/204 sent; 429 retried after retry_after;
// 5xx and transport errors retried; any other status fails with its meaning.
Attempt discord_outcome(const HttpResponse& a);

class DiscordChannel : public Channel {
public:
    // An empty webhook is allowed for --dry-run only.
    DiscordChannel(std::string webhook, DeliveryOptions opts);
    void compose(const Report& report) override;
    void compose_test(const std::string& tool) override;
    size_t pieces() const override { return bodies_.size(); }
    std::string describe() const override;
    Attempt send(size_t piece, long timeout_ms) override;
    std::string piece_body(size_t piece) const override { return bodies_[piece]; }

private:
    HttpRequest request(size_t piece) const;
    std::string webhook_;
    DeliveryOptions opts_;
    std::vector<std::string> bodies_;
};

}  // namespace qw
