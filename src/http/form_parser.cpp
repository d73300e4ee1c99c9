#include "http/form_parser.h"

#include "util/strings.h"

namespace porpoise::http {
namespace {

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Value of a `key=value` or `key="value"` attribute inside a header like Content-Disposition.
std::string headerAttribute(std::string_view header, std::string_view key) {
  size_t pos = 0;
  while (pos < header.size()) {
    size_t semi = header.find(';', pos);
    std::string part = util::trim(header.substr(pos, semi == std::string_view::npos ? std::string_view::npos : semi - pos));
    size_t eq = part.find('=');
    if (eq != std::string::npos && util::toLower(util::trim(part.substr(0, eq))) == key) {
      std::string v = util::trim(part.substr(eq + 1));
      if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
      return v;
    }
    if (semi == std::string_view::npos) break;
    pos = semi + 1;
  }
  return {};
}

}  // namespace

std::string percentDecode(std::string_view text, bool plusIsSpace) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%' && i + 2 < text.size()) {
      int h = hexValue(text[i + 1]), l = hexValue(text[i + 2]);
      if (h >= 0 && l >= 0) {
        out += static_cast<char>(h * 16 + l);
        i += 2;
        continue;
      }
    }
    out += (plusIsSpace && c == '+') ? ' ' : c;
  }
  return out;
}

void parseUrlEncoded(std::string_view text, std::multimap<std::string, std::string>& out) {
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t amp = text.find('&', pos);
    if (amp == std::string_view::npos) amp = text.size();
    std::string_view pair = text.substr(pos, amp - pos);
    if (!pair.empty()) {
      size_t eq = pair.find('=');
      std::string key = percentDecode(pair.substr(0, eq), true);
      std::string value = eq == std::string_view::npos ? "" : percentDecode(pair.substr(eq + 1), true);
      if (!key.empty()) out.emplace(std::move(key), std::move(value));
    }
    pos = amp + 1;
  }
}

std::map<std::string, std::string> parseCookies(std::string_view header) {
  std::map<std::string, std::string> out;
  for (const auto& part : util::split(header, ';')) {
    size_t eq = part.find('=');
    if (eq == std::string::npos) continue;
    std::string name = util::trim(part.substr(0, eq));
    std::string value = util::trim(part.substr(eq + 1));
    if (!name.empty() && !out.count(name)) out[name] = value;
  }
  return out;
}

bool parseMultipart(std::string_view body, std::string_view contentType, std::multimap<std::string, std::string>& params,
                    std::vector<UploadedFile>& files) {
  std::string boundary = headerAttribute(contentType, "boundary");
  if (boundary.empty()) return false;
  std::string delimiter = "--" + boundary;
  size_t pos = body.find(delimiter);
  if (pos == std::string_view::npos) return false;
  pos += delimiter.size();
  while (true) {
    if (body.substr(pos, 2) == "--") return true;  // closing delimiter
    if (body.substr(pos, 2) != "\r\n") return false;
    pos += 2;
    size_t headerEnd = body.find("\r\n\r\n", pos);
    if (headerEnd == std::string_view::npos) return false;
    std::string_view headerBlock = body.substr(pos, headerEnd - pos);
    size_t contentStart = headerEnd + 4;
    size_t next = body.find("\r\n" + delimiter, contentStart);
    if (next == std::string_view::npos) return false;
    std::string_view content = body.substr(contentStart, next - contentStart);

    std::string disposition, partType;
    size_t hp = 0;
    while (hp < headerBlock.size()) {
      size_t eol = headerBlock.find("\r\n", hp);
      if (eol == std::string_view::npos) eol = headerBlock.size();
      std::string_view line = headerBlock.substr(hp, eol - hp);
      size_t colon = line.find(':');
      if (colon != std::string_view::npos) {
        std::string name = util::toLower(util::trim(line.substr(0, colon)));
        std::string value = util::trim(line.substr(colon + 1));
        if (name == "content-disposition") disposition = value;
        if (name == "content-type") partType = value;
      }
      hp = eol + 2;
    }
    std::string name = headerAttribute(disposition, "name");
    bool isFile = disposition.find("filename") != std::string::npos;
    if (isFile) {
      files.push_back({name, headerAttribute(disposition, "filename"), partType, std::string(content)});
    } else if (!name.empty()) {
      params.emplace(name, std::string(content));
    }
    pos = next + 2 + delimiter.size();
  }
}

}  // namespace porpoise::http
