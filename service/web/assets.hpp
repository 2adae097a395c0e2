#pragma once
// The web page's files, embedded in the binary at build time (service/web/embed.cmake
// writes the table from index.html, app.js, views.js and app.css).
#include <string_view>
#include <vector>

namespace proviso::service::internal {

struct WebAsset {
  std::string_view path;          // "/index.html", "/app.js", "/views.js", "/app.css"
  std::string_view content_type;
  std::string_view version;       // the digest the page asks for (?v=...); empty for the page itself
  std::string_view bytes;
};

const std::vector<WebAsset>& web_assets();

}  // namespace proviso::service::internal
