#pragma once
// `proviso publish`: a static public register of the bundle's policies. Every sentence
// about a policy is the bundle's own words: rules' `because` texts, the texts of the
// conditions and the questions of the facts they use, obligations' texts, citations
// and dates. Pages link to each other by relative links only and load nothing.
#include <string>
#include <vector>

#include "proviso/program/program.hpp"
#include "proviso/report/framework.hpp"

namespace proviso {

struct PublishedFile {
  std::string path;     // relative to the output folder: index.html, policy-NAME.html, ...
  std::string content;
};

// The pages, in a fixed order; the same bundle always gives the same bytes.
std::vector<PublishedFile> publish_register(const Program& p, const std::vector<FrameworkInfo>& frameworks);

}  // namespace proviso
