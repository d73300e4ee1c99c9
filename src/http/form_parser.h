// Parsing of URL components and request bodies.
//
// Contract: percentDecode never fails (invalid escapes are kept literally); parseUrlEncoded
// handles '+' as space; parseMultipart extracts text fields into `params` and file parts
// (those with a filename) into `files`, and returns false on a malformed body.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "http/request.h"

namespace porpoise::http {

std::string percentDecode(std::string_view text, bool plusIsSpace);
void parseUrlEncoded(std::string_view text, std::multimap<std::string, std::string>& out);
std::map<std::string, std::string> parseCookies(std::string_view header);
// `contentType` is the full Content-Type header (holds the boundary).
bool parseMultipart(std::string_view body, std::string_view contentType, std::multimap<std::string, std::string>& params,
                    std::vector<UploadedFile>& files);

}  // namespace porpoise::http
