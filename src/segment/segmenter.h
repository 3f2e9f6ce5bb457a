// Maps a Document onto the standard structure of a profile.
#pragma once

#include <string>
#include <vector>

#include "doc/document.h"
#include "segment/profile.h"
#include "segment/report.h"

namespace ogi {

// Picks the profile by its markers (or forced_profile when not empty) and
// segments. Throws InputError when the document is not an annual report.
Report segment(const Document& doc, const std::vector<Profile>& profiles,
               const std::string& forced_profile = {});

// Who publishes (government | department | other) from the agency's name.
std::string entity_of(const std::string& agency);

// The parts of a profile (headings and body text) as found in doc.
std::vector<PartResult> find_parts(const Document& doc, const Profile& profile);

}  // namespace ogi
