#include <algorithm>
#include <array>
#include <cctype>
#include <iterator>
#include <memory>
#include <mutex>
#include <optional>

#include <re2/re2.h>
#include <re2/set.h>

#include <aperture/license/normalize.hpp>
#include <aperture/license/notices.hpp>
#include <aperture/util/text.hpp>

namespace aperture::license {

namespace {

// Whether other licenses named inside a rule's match are part of it.
enum class Claims {
  no,
  span,  // the match is a license's own clause naming another license as a choice
};

// A notice that names one license unambiguously.
struct Rule {
  const char* pattern;  // over NoticeText::flat(): lower case, single spaces
  const char* id;
  double confidence = 0.9;  // 0.7: the notice names no version (GNU "any version")
  Claims claims = Claims::no;
};

// Each pattern names its license with its version; bare family names
// ("the BSD license", "a Creative Commons license") are ambiguous and left out.
constexpr Rule k_rules[] = {
    // Apache
    // The standard header, whole when it is there, so its lines are the evidence.
    // (Lazy ".*?", not a bounded ".{0,700}?": RE2 compiles a bound into as
    // many states, which made start-up several times slower.)
    {R"((?s)licen[cs]ed under the apache licen[cs]e,? version 2\.0 \(the "?licen[cs]e"?\).*?limitations under the licen[cs]e)",
     "Apache-2.0"},
    {R"(apache licen[cs]e,? (?:version |v|ver\.? )?2\.0|apache-2\.0|apache 2\.0 licen[cs]e|licen[cs]ed under (?:the )?apache 2\.0|apache software licen[cs]e,? (?:version |v)?2\.0|apache licen[cs]e 2\.0|www\.apache\.org/licenses/license-2\.0)",
     "Apache-2.0"},
    // The version as "2" or "v2": "Apache License version 2", "Apache v2
    // License", "License: Apache2" (only the Apache License has a version 2).
    {R"(apache licen[cs]e,? (?:version |v\.? ?|ver\.? )?2\b|\bapache v\.? ?2(?:\.0)? licen[cs]e|\bapache 2 licen[cs]e|\blicen[cs]e:? apache ?(?:v\.? ?)?2(?:\.0)?\b)",
     "Apache-2.0"},
    {R"(apache licen[cs]e,? (?:version |v)?1\.1|apache software licen[cs]e,? (?:version |v)?1\.1|apache-1\.1)",
     "Apache-1.1"},
    {R"(apache licen[cs]e,? (?:version |v)?1\.0|apache software licen[cs]e,? (?:version |v)?1\.0|apache-1\.0)",
     "Apache-1.0"},
    // MIT family
    {R"((?:released|licen[cs]ed|distributed|available|provided|published|covered|dual licen[cs]ed|licen[cs]ed freely) under (?:the |an? )?(?:terms of (?:the )?)?(?:expat|mit)(?: licen[cs]e| \(?x11\)? licen[cs]e|\b)|\bmit licen[cs]ed\b|the mit licen[cs]e \(mit\)|opensource\.org/licenses/mit\b|\(the "?mit licen[cs]e"?\)|\bmit-license\.org\b)",
     "MIT"},
    // "under the MIT license", "subject to the terms of the MIT/X license",
    // "governed by a MIT-license": the word "license" after the name, since
    // "MIT" alone may be the institute.
    {R"(\b(?:under|subject to|governed by) (?:the |an? )?(?:terms (?:and conditions )?of (?:the )?)?mit(?:/x(?:11)?)?[- ]licen[cs]e)",
     "MIT"},
    // A "License" field or heading: "License: MIT", "license: "MIT License"",
    // "## License ## MIT", "License [MIT License](LICENSE)" (also on the next
    // line, a list item under a heading); not a broken YAML
    // list ("license: [mit").
    {R"((?:^|\s)licen[cs]e(?: #+)?"?:?(?: ?"?mit\b|\s?\[mit licen[cs]e\]))", "MIT"},
    // "an MIT-style license": ScanCode and licensecheck read it as MIT, and
    // unlike "BSD-style" there is one MIT license text it can point to. Only
    // as a grant ("governed by", "under"), at a lower confidence.
    {R"(\b(?:under|governed by) (?:the |an? )?mit-style licen[cs]e)", "MIT", 0.8},
    {R"(\bmit-0\b|mit no attribution)", "MIT-0"},
    {R"(\bx11 licen[cs]e\b)", "X11"},
    // BSD family
    {R"(\bbsd[- ]3[- ]clause\b|\b3[- ]clause bsd\b|\bnew"? bsd licen[cs]e|\bmodified bsd licen[cs]e|\brevised bsd licen[cs]e|\bbsd[- ]\(?(?:new|revised|modified)\b|\bthree[- ]clause bsd\b|\bbsd 3-clause\b)",
     "BSD-3-Clause"},
    {R"(\bbsd[- ]2[- ]clause\b|\b2[- ]clause bsd\b|\bsimplified bsd licen[cs]e|\bfreebsd licen[cs]e|\btwo[- ]clause bsd\b)",
     "BSD-2-Clause"},
    {R"(\bbsd[- ]4[- ]clause\b|\b4[- ]clause bsd\b|\boriginal bsd licen[cs]e|\bfour[- ]clause bsd\b)",
     "BSD-4-Clause"},
    {R"(\b0bsd\b|zero[- ]clause bsd)", "0BSD"},
    // Mozilla, Eclipse, CDDL, CPL
    {R"(mozilla public licen[cs]e,? (?:v\.? ?|version |v)?2\.0|\bmpl[- ]?(?:v)?2\.0\b)", "MPL-2.0"},
    {R"(mozilla public licen[cs]e,? (?:v\.? ?|version |v)?1\.1|\bmpl[- ]?(?:v)?1\.1\b)", "MPL-1.1"},
    {R"(mozilla public licen[cs]e,? (?:v\.? ?|version |v)?1\.0|\bmpl[- ]?(?:v)?1\.0\b)", "MPL-1.0"},
    {R"(eclipse public licen[cs]e,? (?:v\.? ?|version |-)?1\.0|\bepl[- ]?(?:v)?1\.0\b)", "EPL-1.0"},
    {R"(eclipse public licen[cs]e,? (?:v\.? ?|version |-)?2\.0|\bepl[- ]?(?:v)?2\.0\b)", "EPL-2.0"},
    {R"(eclipse distribution licen[cs]e,? (?:v\.? ?|version |-)?1\.0)", "BSD-3-Clause"},
    {R"(common development and distribution licen[cs]e \(cddl\),? (?:version |v)?1\.0|common development and distribution licen[cs]e,? (?:version |v)?1\.0|\bcddl[- ]1\.0\b)",
     "CDDL-1.0"},
    {R"(common development and distribution licen[cs]e,? (?:version |v)?1\.1|\bcddl[- ]1\.1\b)", "CDDL-1.1"},
    {R"(common public licen[cs]e,? (?:version |v|-)?1\.0|\bcpl[- ]1\.0\b)", "CPL-1.0"},
    // Others with a version in their name
    {R"(boost software licen[cs]e,? (?:- )?(?:version |v)?1\.0|\bbsl-1\.0\b|boost\.org/license_1_0\.txt)",
     "BSL-1.0"},
    {R"(artistic licen[cs]e,? (?:version |v)?2\.0|\bartistic-2\.0\b)", "Artistic-2.0"},
    {R"(academic free licen[cs]e,? (?:version |v)?3\.0|\bafl-3\.0\b)", "AFL-3.0"},
    {R"(academic free licen[cs]e,? (?:version |v)?2\.1\b)", "AFL-2.1"},
    {R"(open software licen[cs]e,? (?:version |v)?3\.0|\bosl-3\.0\b)", "OSL-3.0"},
    {R"(european union public licen[cs]e,? (?:version |v)?1\.2|\beupl-1\.2\b|\beupl,? (?:version |v)1\.2\b)",
     "EUPL-1.2"},
    {R"(european union public licen[cs]e,? (?:version |v)?1\.1|\beupl-1\.1\b|\beupl,? (?:version |v)1\.1\b)",
     "EUPL-1.1"},
    {R"(microsoft public licen[cs]e|\bms-pl\b)", "MS-PL"},
    {R"(eiffel forum licen[cs]e,? (?:version |v)?2\b|\befl-2\.0\b)", "EFL-2.0"},
    {R"(microsoft reciprocal licen[cs]e|\bms-rl\b)", "MS-RL"},
    {R"(university of illinois(?:/ncsa)? open source licen[cs]e|\bncsa open source licen[cs]e)", "NCSA"},
    {R"(\bisc licen[cs]e\b|licen[cs]ed under (?:the )?isc\b|\blicen[cs]e:? isc\b)", "ISC"},
    {R"(\bzlib licen[cs]e\b|\bzlib/libpng licen[cs]e|licen[cs]ed under (?:the )?zlib\b)", "Zlib"},
    {R"(\bthe unlicen[cs]e\b|unlicen[cs]e\.org)", "Unlicense"},
    {R"(do what the f(?:u|\*)ck you want to public licen[cs]e|\bwtfpl\b)", "WTFPL"},
    {R"(sil open font licen[cs]e,? (?:version |v)?1\.1|\bofl-1\.1\b)", "OFL-1.1"},
    {R"(python software foundation licen[cs]e,? (?:version |v)?2\b|\bpsf licen[cs]e,? (?:version |v)?2\b)",
     "PSF-2.0"},
    {R"(php licen[cs]e,? (?:version |v)?3\.01)", "PHP-3.01"},
    {R"(php licen[cs]e,? (?:version |v)?3\.0\b)", "PHP-3.0"},
    {R"(same terms as ruby\b|ruby'?s licen[cs]e|ruby licen[cs]e)", "Ruby"},
    // The Ruby license's opening offers the GPL (or the BSDL) as a choice
    // beside "the conditions below": that GPL is part of the Ruby license.
    {R"(under either the terms of the (?:gpl|2-clause bsdl)(?: version 2)? \(see (?:the )?(?:file )?(?:gpl|bsdl)(?: file)?\),? or the conditions below)",
     "Ruby", 0.9, Claims::span},
    {R"(\bpostgresql licen[cs]e\b)", "PostgreSQL"},
    {R"(universal permissive licen[cs]e,? (?:v|version )?1\.0|\bupl-1\.0\b)", "UPL-1.0"},
    {R"(mulan permissive software licen[cs]e,? (?:version |v)?2|mulanpsl-2\.0)", "MulanPSL-2.0"},
    {R"(open database licen[cs]e|\bodbl-1\.0\b)", "ODbL-1.0"},
    {R"(\bcc0[- ]1\.0\b|\bcc0 licen[cs]e|creative commons zero|creative commons cc0|publicdomain/zero/1\.0)",
     "CC0-1.0"},
    {R"(latex project public licen[cs]e,? (?:either )?(?:version |v)?1\.3c|\blppl-1\.3c\b)", "LPPL-1.3c"},
    {R"(educational community licen[cs]e,? (?:version |v)?2\.0|\becl-2\.0\b)", "ECL-2.0"},
    {R"(educational community licen[cs]e,? (?:version |v)?1\.0|\becl-1\.0\b)", "ECL-1.0"},
    {R"(common public attribution licen[cs]e,? (?:version |v)?1\.0|\bcpal[- ]?(?:v|version )?1\.0\b)",
     "CPAL-1.0"},
    {R"(\bclarified artistic licen[cs]e)", "ClArtistic"},
    {R"(\bclear bsd licen[cs]e)", "BSD-3-Clause-Clear"},
    // "BSD 3-clause Clear license": the words "BSD 3-clause" in it are not BSD-3-Clause.
    {R"(\bbsd[- ]3[- ]clause clear licen[cs]e)", "BSD-3-Clause-Clear", 0.9, Claims::span},
    // The IETF Trust's "Simplified BSD License" (its Legal Provisions, section
    // 4.c), which every RFC's code and MIB modules cite, has three clauses.
    {R"(\bsimplified bsd licen[cs]e,? (?:as )?(?:set forth|described) in section 4\.c of the ietf trust'?s legal provisions)",
     "BSD-3-Clause", 0.9, Claims::span},
    // Lawrence Berkeley National Laboratory's "modified BSD license", the one
    // with its own clause on enhancements, named by its file.
    {R"((?:\bmodified bsd licen[cs]e[ "'(]*)?\bbsd-lbnl-licen[cs]e\b)", "BSD-3-Clause-LBNL", 0.9,
     Claims::span},
    {R"(\btmate open source licen[cs]e)", "TMate"},
    // The W3C's license pages carry their date.
    {R"(w3\.org/consortium/legal/(?:2002/)?copyright-software-20021231)", "W3C"},
    {R"(w3\.org/consortium/legal/copyright-software-19980720)", "W3C-19980720"},
    {R"(w3\.org/consortium/legal/2015/copyright-software-and-document)", "W3C-20150513"},
    {R"(netscape public licen[cs]e,? (?:version |v)?1\.1\b)", "NPL-1.1"},
    {R"(netscape public licen[cs]e,? (?:version |v)?1\.0\b)", "NPL-1.0"},
    {R"(sgi free software (?:licen[cs]e )?b,? (?:licen[cs]e,? )?(?:version |v)?2\.0\b)", "SGI-B-2.0"},
    {R"(sgi free software (?:licen[cs]e )?b,? (?:licen[cs]e,? )?(?:version |v)?1\.1\b)", "SGI-B-1.1"},
    {R"(sgi free software (?:licen[cs]e )?b,? (?:licen[cs]e,? )?(?:version |v)?1\.0\b)", "SGI-B-1.0"},
    {R"(erlang public licen[cs]e,? (?:version |v)?1\.1\b)", "ErlPL-1.1"},
    {R"(cecill(?: licen[cs]e)?,? (?:version |v)?2(?:\.0)?\b)", "CECILL-2.0"},
    {R"(cecill(?: licen[cs]e)?,? (?:version |v)?2\.1\b)", "CECILL-2.1"},
    {R"(\bcecill-b\b)", "CECILL-B"},
    {R"(\bcecill-c\b)", "CECILL-C"},
    {R"((?:released|licen[cs]ed|distributed) under the libpng licen[cs]e)", "Libpng"},
    {R"(same licen[cs]e as icu\b|\bicu licen[cs]e\b)", "ICU"},
    // Licenses with one version only: the name alone is unambiguous.
    {R"(\bfreetype (?:project )?licen[cs]e\b)", "FTL"},
    {R"(\bibm public licen[cs]e\b)", "IPL-1.0"},
    {R"(bittorrent open source licen[cs]e,? (?:version |v)?1\.0\b)", "BitTorrent-1.0"},
    {R"(bittorrent open source licen[cs]e,? (?:version |v)?1\.1\b)", "BitTorrent-1.1"},
    {R"(yahoo! public licen[cs]e,? (?:version |v)?1\.0\b)", "YPL-1.0"},
    {R"(yahoo! public licen[cs]e,? (?:version |v)?1\.1\b)", "YPL-1.1"},
    {R"(cua office public licen[cs]e,? (?:version |v)?1\.0\b)", "CUA-OPL-1.0"},
    {R"(interbase public licen[cs]e,? (?:version |v)?1\.0\b|inprise\.com/ipl\.html)", "Interbase-1.0"},
    {R"(apple public source licen[cs]e,? (?:version |v)?2\.0\b)", "APSL-2.0"},
    {R"(apple public source licen[cs]e,? (?:version |v)?1\.2\b)", "APSL-1.2"},
    {R"(apple public source licen[cs]e,? (?:version |v)?1\.1\b)", "APSL-1.1"},
    {R"(apple public source licen[cs]e,? (?:version |v)?1\.0\b)", "APSL-1.0"},
    {R"(curl\.(?:haxx\.)?se/docs/copyright\.html)", "curl"},
    // License pages that stand for one license: the Code Project's CPOL 1.02
    // page (its URL says "cpol10"), Amazon's copy of the Apache License 2.0.
    {R"(codeproject\.com/info/cpol10\.aspx)", "CPOL-1.02"},
    {R"(\baws\.amazon\.com/apache-?2\.0\b)", "Apache-2.0"},
    // Creative Commons' retired public domain deed; OSI's page of the
    // Artistic License (1.0; 2.0 has its own page).
    {R"(creativecommons\.org/licenses/publicdomain\b)", "CC-PDDC"},
    {R"(opensource\.org/licenses/artistic-license(?:\.php|\.html)?(?:[^-]|$))", "Artistic-1.0", 0.8},
    {R"(\bnokia open source licen[cs]e\b)", "Nokia"},
    {R"(\bopen cascade (?:technology )?public licen[cs]e\b)", "OCCT-PL"},
    // The Autoconf Archive's tag for the FSF All Permissive License.
    {R"(@licen[cs]e allpermissive\b)", "FSFAP"},
    {R"(\bnasa open source agreement,? (?:version |v)?1\.3\b)", "NASA-1.3"},
    {R"(\bthe freebsd documentation licen[cs]e\b)", "FreeBSD-DOC"},
    {R"(\bsfl licen[cs]e agreement\b|imatix standard function library)", "iMatix"},
    {R"(\bipa[ _]font[ _]licen[cs]e)", "IPA"},
    // The standard pointers of libraries whose headers all say where their
    // one license is: zlib's "see copyright notice in zlib.h" (libpng's in
    // png.h), the IJG's "part of the Independent JPEG Group's software" (and
    // the acknowledgement its license requires), Lua's "see Copyright Notice
    // in lua.h" (MIT since Lua 5.0), bzip2's "released under the
    // terms of the license contained in the file LICENSE".
    {R"(for conditions of distribution and use,? see copyright notice in zlib\.h)", "Zlib", 0.8},
    {R"(for conditions of distribution and use,? see copyright notice in png\.h)", "Libpng", 0.8},
    {R"(\bsee copyright notice in lua\.h\b)", "MIT", 0.8},
    // jQuery's license page, which every jQuery file cites: its projects are MIT.
    {R"(\bjquery\.org/licen[cs]e\b)", "MIT", 0.8},
    // The YUI library's license page (BSD-3-Clause), cited by its files.
    {R"(\bdeveloper\.yahoo\.com/yui/licen[cs]e\.html)", "BSD-3-Clause", 0.8},
    // "The licence agreement for this file is the same as the rest of the LibTiff library."
    {R"(\bsame as the rest of the libtiff library|same licen[cs]e as libtiff\b)", "libtiff", 0.8},
    {R"(this file is part of the independent jpeg group'?s software|this software is based in part on the work of the independent jpeg group)",
     "IJG", 0.8},
    {R"((?s)this file is part of bzip2/libbzip2\b.*?released under the terms of the licen[cs]e contained in the file licen[cs]e)",
     "bzip2-1.0.6", 0.8},
    {R"(\bfile_licen[cs]e \( ?gpl2_or_later ?\))", "GPL-2.0-or-later"},
    {R"(\bfile_licen[cs]e \( ?gpl2_only ?\))", "GPL-2.0-only"},
    {R"((?:licen[cs]ed under|governed by|according to|terms of|subject to) (?:the )?openssl licen[cs]e|same licen[cs]e as openssl\b)",
     "OpenSSL"},
    // Debian's shared license texts, named in copyright files and headers
    // (without the leading "/", which a line's comment markers may take).
    {R"(\busr/share/common-licenses/bsd\b)", "BSD-3-Clause"},
    {R"(\busr/share/common-licenses/apache-2\.0\b)", "Apache-2.0"},
    {R"(\busr/share/common-licenses/gpl-2\b)", "GPL-2.0-only"},
    {R"(\busr/share/common-licenses/gpl-3\b)", "GPL-3.0-only"},
    {R"(\busr/share/common-licenses/gpl-1\b)", "GPL-1.0-only"},
    {R"(\busr/share/common-licenses/gpl(?:[^-]|$))", "GPL-1.0-or-later", 0.7},
    {R"(\busr/share/common-licenses/lgpl-2\.1\b)", "LGPL-2.1-only"},
    {R"(\busr/share/common-licenses/lgpl-2(?:[^.]|$))", "LGPL-2.0-only"},
    {R"(\busr/share/common-licenses/lgpl-3\b)", "LGPL-3.0-only"},
    {R"(\busr/share/common-licenses/mpl-1\.1\b)", "MPL-1.1"},
    {R"(\busr/share/common-licenses/mpl-2\.0\b)", "MPL-2.0"},
    {R"(\busr/share/common-licenses/cc0-1\.0\b)", "CC0-1.0"},
    // The GNU project's pages for each license.
    {R"(gnu\.org/licenses/gpl-3\.0\b)", "GPL-3.0-only"},
    {R"(gnu\.org/licenses/(?:old-licenses/)?gpl-2\.0\b)", "GPL-2.0-only"},
    {R"(gnu\.org/licenses/lgpl-3\.0\b)", "LGPL-3.0-only"},
    {R"(gnu\.org/licenses/(?:old-licenses/)?lgpl-2\.1\b)", "LGPL-2.1-only"},
    {R"(gnu\.org/licenses/agpl-3\.0\b)", "AGPL-3.0-only"},
    {R"(gnu\.org/copyleft/lesser\.html)", "LGPL-2.1-or-later", 0.7},
    {R"(gnu\.org/(?:copyleft|licenses)/gpl\.html)", "GPL-1.0-or-later", 0.7},
};

// A license id or its URL: "License: Zlib", "@license MIT", ""license": "ISC"",
// "license": {"type": "MIT"}, "licensed under
// Apache-2.0", "opensource.org/licenses/MIT", "spdx.org/licenses/BSD-3-Clause".
// The captured word counts only when it is an SPDX id.
const char* k_id_pattern =
    R"((?:(?:^|[\s("'])(?:@?licen[cs]e|licen[cs]ed under)["']?\s*[:=]?\s*(?:\{?\s*"?type"\s*:\s*)?["']?|(?:opensource\.org|spdx\.org|choosealicense\.com)/licen[cs]es/)([a-z0-9][a-z0-9.+-]*[a-z0-9+]))";

// Creative Commons names with their version: "creative commons attribution-
// sharealike 4.0", "cc by-nc 3.0", "creativecommons.org/licenses/by-sa/4.0".
const char* k_cc_pattern =
    R"((?:creative ?commons (?:licen[cs]e )?(attribution(?:[- ](?:non[- ]?commercial|share[- ]?alike|no[- ]?derivatives|no[- ]?derivs))*)(?: international| unported| generic)?(?: public)?(?: licen[cs]e)?,? \(?(?:cc[ -][a-z -]+\)? )?(?:version |v)?(\d\.\d))|(?:\bcc[- ](by(?:-(?:nc|sa|nd))*)[- ](\d\.\d))|(?:creativecommons\.org/licenses/(by(?:-(?:nc|sa|nd))*)/(\d\.\d)))";

// The GNU Free Documentation License by version, "or any later version".
const char* k_gfdl_pattern =
    R"(\bgnu free documentation licen[cs]e,? (?:version |v)?(1\.[123])\b(,? or (?:\(at your option\) )?any later version)?)";

// The GFDL id a notice names: SPDX tells documents with invariant sections
// ("with the Invariant Sections being …") from those without ("with no
// Invariant Sections"); a notice that says neither names the plain GFDL.
std::string gfdl_id(std::string_view version, bool later, std::string_view sentence_after) {
  std::string id = "GFDL-" + std::string(version);
  if (sentence_after.find("no invariant sections") != std::string_view::npos) {
    id += "-no-invariants";
  } else if (sentence_after.find("invariant sections being") != std::string_view::npos) {
    id += "-invariants";
  }
  return id + (later ? "-or-later" : "-only");
}

std::string cc_id(std::string kind, const std::string& version) {
  // "attribution-noncommercial-sharealike" → "BY-NC-SA"
  std::string out = "CC-BY";
  auto has = [&](const char* a, const char* b) {
    return kind.find(a) != std::string::npos || kind.find(b) != std::string::npos;
  };
  // "share alike" written apart reads as "share-alike".
  std::replace(kind.begin(), kind.end(), ' ', '-');
  if (has("non-commercial", "noncommercial") || kind.find("-nc") != std::string::npos) {
    out += "-NC";
  }
  if (has("no-deriv", "noderiv") || kind.find("-nd") != std::string::npos) {
    out += "-ND";
  }
  if (has("share-alike", "sharealike") || kind.find("-sa") != std::string::npos) {
    out += "-SA";
  }
  return out + "-" + version;
}

// GNU licenses: the family and version come from the words around the name.
// The full name may lack "General" ("GNU Public License", "Lesser GNU Public
// License") or hold its version ("General Public version 2 License"); a name
// with neither "GNU" nor "General" (the Mozilla Public License) is not one.
const char* k_gnu_pattern =
    R"(\b(?:gnu )?(?:(lesser|library|affero) )?(?:gnu )?(?:general )?public (?:version \d(?:\.\d)? )?licen[cs]e\b|\b(l|a)?gpl(?:\s?v\.?\s?|-|\s)?(\d(?:\.\d)?)?(?:(\+)|(?:-(only|or-later))?\b))";

// What the pattern captured of one GNU mention.
struct GnuMention {
  std::string lead;           // "lesser", "library", "affero" before the name, or ""
  bool abbreviated = false;   // "GPL", "LGPLv2.1" rather than the full name
  std::string abbrev_family;  // "l", "a" or "" (abbreviated only)
  std::string version;        // written in the abbreviation ("GPLv2")
  bool later = false;         // "GPLv2+", "GPL-2.0-or-later"
};

struct GnuReading {
  std::string family;   // GPL, LGPL, AGPL
  std::string version;  // "2", "2.1", "" when none
  bool later = false;
  bool lesser = false;  // named "Lesser" (2.1 and later)
};

std::string gnu_id(const GnuReading& r) {
  std::string v = r.version;
  if (v.empty()) {
    // No version named: any version may be chosen (GPL §9, LGPL §13); the
    // "Lesser" GPL starts at 2.1, the "Library" GPL at 2.0.
    v = r.family == "LGPL" ? (r.lesser ? "2.1" : "2.0") : r.family == "AGPL" ? "3.0" : "1.0";
    return r.family + "-" + v + (r.family == "AGPL" ? "-only" : "-or-later");
  }
  if (v.find('.') == std::string::npos) {
    v += ".0";
  }
  return r.family + "-" + v + (r.later ? "-or-later" : "-only");
}

// Whether `before` ends with a match of `re` whose one group, the words from
// a keyword to the end, is at most `max_tail` bytes long. The pattern starts
// with a greedy ".*", so the last keyword is the one measured. Written so
// rather than with "{0,N}", which RE2 compiles into N copies of the class.
bool ends_within(std::string_view before, const re2::RE2& re, std::size_t max_tail) {
  re2::StringPiece tail;
  return re2::RE2::PartialMatch(before, re, &tail) && tail.size() <= max_tail;
}

// "based on the Mozilla Public License 1.1", "no more restrictive than the
// GPL", "the successor of the GNU Library Public License", "e.g. 'GPL-2.0'":
// the license named is another work's, or an example.
bool is_comparison(std::string_view before) {
  static const re2::RE2 k_comparison(
      R"((?:based (?:up)?on|derived from|compatib(?:le|ility) with|similar to|modell?ed (?:on|after)|unlike|instead of|incompatible with|complements|than|exceptions? to|(?:successor|predecessor) (?:of|to)|later versions? of|relicen[cs]ed? from|e\.g\.,?|for example,?|such as) (?:the )?(?:terms of (?:the )?)?["']?$)");
  return re2::RE2::PartialMatch(before, k_comparison);
}

// "and not under the GNU General Public License", "do not upgrade to LGPLv3":
// a "not" in the same clause (no punctuation between).
bool is_negated(std::string_view before) {
  static const re2::RE2 k_negation(R"((?s).*\bnot\b([^.,;:()\n]*)$)");
  return ends_within(before, k_negation, 60);
}

// "initially published … under the GPL": the file's history; "suggested
// licenses: MIT, GPLv2": examples to choose from.
bool is_aside(std::string_view before) {
  static const re2::RE2 k_history(
      R"((?s).*\b(?:initially|originally|previously|formerly) (?:[a-z]+ )?(?:published|released|licen[cs]ed|distributed)\b([^.;\n]*)$)");
  static const re2::RE2 k_examples(R"((?s).*\b(?:suggested|example) licen[cs]es?:?([^.;:\n]*)$)");
  return ends_within(before, k_history, 100) || ends_within(before, k_examples, 100);
}

// "Modified Apache 2.0 License", "a modified version of the MIT License",
// "the Mozilla Public License 1.1, modified to be specific to Zimbra": a
// license derived from the one named, not that license.
bool is_modified_name(std::string_view before, std::string_view after) {
  static const re2::RE2 k_modified_before(R"((?:^|\s)modified (?:version of (?:the )?)?$)");
  static const re2::RE2 k_modified_after(R"(^[.0-9]*,? modified\b)");  // after "2" of "2.0"
  return re2::RE2::PartialMatch(before, k_modified_before) || re2::RE2::PartialMatch(after, k_modified_after);
}

// "relicense (MIT → ISC)": the license before the arrow was replaced.
bool is_replaced(std::string_view after) {
  static const re2::RE2 k_replaced(R"(^[)\]"']*\s*(?:→|->|=>))");
  return re2::RE2::PartialMatch(after, k_replaced);
}

// "[7]: https://www.gnu.org/licenses/gpl.html": a link target, cited elsewhere.
bool is_link_target(std::string_view before) {
  static const re2::RE2 k_link_target(R"((?:^|\s)\[[^\]]{1,20}\]: (?:https?://)?(?:www\.)?$)");
  return re2::RE2::PartialMatch(before, k_link_target);
}

// "GPL-compatible", "GPLv2 compatibility", "GPL packages": about other works.
bool is_other_works_license(std::string_view after) {
  static const re2::RE2 k_other_works(
      R"(^[- ]?(?:compatib|(?:packages|programs|projects|applications|libraries|products)\b))");
  return re2::RE2::PartialMatch(after, k_other_works);
}

// "the GNU General Public License (GPL)": an abbreviation that restates the
// name before it, already read.
bool is_alias(std::string_view before) {
  static const re2::RE2 k_alias(R"(licen[cs]e,? \(["']?$)");
  return re2::RE2::PartialMatch(before, k_alias);
}

// Words that make a mention of a license a statement about this file.
bool is_licensing_context(std::string_view before) {
  static const re2::RE2 k_context(
      R"((?:under|terms of|licen[cs]ed|released|distributed|covered by|subject to|licen[cs]e(?: terms)?:|licen[cs]e conditions|comply with|@license|redistribute|governed by|available|conditions of|copyleft|\bis gpl|dual[- ]licen[cs]ed|spdx))");
  return re2::RE2::PartialMatch(before, k_context);
}

bool valid_gnu_version(const std::string& family, const std::string& v) {
  if (family == "GPL") {
    return v == "1" || v == "2" || v == "3" || v == "1.0" || v == "2.0" || v == "3.0";
  }
  if (family == "LGPL") {
    return v == "2" || v == "2.0" || v == "2.1" || v == "3" || v == "3.0";
  }
  return v == "1" || v == "3" || v == "1.0" || v == "3.0";
}

// The sentence from `from`: up to a full stop (not one inside "2.1") or a
// paragraph break, at most 220 bytes.
std::string_view sentence_from(std::string_view flat, std::size_t from) {
  std::size_t stop = std::min(flat.size(), from + 220);
  for (std::size_t i = from; i + 1 < stop; ++i) {
    bool after_digit = i > 0 && flat[i - 1] >= '0' && flat[i - 1] <= '9';
    if ((flat[i] == '.' && flat[i + 1] == ' ' && !after_digit) || flat[i] == '\n') {
      return flat.substr(from, i - from);
    }
  }
  return flat.substr(from, stop - from);
}

// "under the terms of version 2 (or later) of the GNU General Public License":
// the version stated before the name.
void read_version_before(std::string_view flat, std::size_t begin, GnuReading& r) {
  static const re2::RE2 k_version_of(
      R"((?:\bversion|\bv\.?) ?(\d(?:\.\d)?)(,? or (?:\(at your option\) )?(?:any )?later(?: versions?)?)? of (?:the )?(?:gnu )?$)");
  std::size_t from = begin > 60 ? begin - 60 : 0;
  std::string version;
  std::string later;
  if (re2::RE2::PartialMatch(flat.substr(from, begin - from), k_version_of, &version, &later)) {
    r.version = version;
    r.later = r.later || !later.empty();
  }
}

// The sentence after the name: its version and "or any later version" (but
// not "and not any later version").
void read_version_after(std::string_view after, GnuReading& r) {
  static const re2::RE2 k_version(R"((?:\bversion|\bv\.?|\bver\.?)\s?(\d(?:\.\d)?)(?:\b|\+))");
  static const re2::RE2 k_comma_version(R"(^,?\s*\(?(?:[a-z]+\)?,?\s)?(\d\.\d)\b)");
  static const re2::RE2 k_later(
      R"(\bv\.?\s?\d(?:\.\d)?\+|or \(?at your option\)? any later|or any later|any later version|or later|or newer|and later|or \(at your option\) version|\(or later\)|or, at your option, any later|or any newer)");
  static const re2::RE2 k_not_later(R"(\bnot (?:\(at your option\) )?any later)");
  std::string version;
  if (r.version.empty() && (re2::RE2::PartialMatch(after, k_version, &version) ||
                            re2::RE2::PartialMatch(after, k_comma_version, &version))) {
    r.version = version;
  }
  std::string_view near = after.substr(0, 200);
  if (!r.later && re2::RE2::PartialMatch(near, k_later) && !re2::RE2::PartialMatch(near, k_not_later)) {
    r.later = true;
  }
}

std::optional<GnuReading>
read_gnu(std::string_view flat, std::size_t begin, std::size_t end, const GnuMention& m) {
  GnuReading r;
  if (m.abbreviated && m.abbrev_family.empty() && m.lead.empty()) {
    r.family = "GPL";
  } else if (m.abbreviated && m.lead.empty()) {
    r.family = m.abbrev_family == "l" ? "LGPL" : "AGPL";
  } else {
    r.family = m.lead == "lesser" || m.lead == "library" ? "LGPL" : m.lead == "affero" ? "AGPL" : "GPL";
    r.lesser = m.lead == "lesser";
  }
  r.version = m.version;
  r.later = m.later;
  if (r.version.empty() && !m.abbreviated) {
    // A full name may hold its version ("General Public version 2 License").
    read_version_after(flat.substr(begin, end - begin), r);
  }
  if (r.version.empty()) {
    read_version_before(flat, begin, r);
  }
  read_version_after(sentence_from(flat, end), r);
  // There is no GPL 2.1: "GNU General Public License, version 2.1" is the
  // Lesser GPL, the only GNU license with that version.
  if (r.family == "GPL" && r.version == "2.1") {
    r.family = "LGPL";
  }
  if (!r.version.empty() && !valid_gnu_version(r.family, r.version)) {
    return std::nullopt;
  }
  return r;
}

// The rule set is compiled once per process; each rule's own expression only
// when the set first finds it (most texts hit a handful of rules, and a
// one-file run would otherwise pay to compile all of them).
struct CompiledRules {
  re2::RE2::Set set{re2::RE2::Options(), re2::RE2::UNANCHORED};
  std::unique_ptr<re2::RE2> cc;
  std::unique_ptr<re2::RE2> gfdl;
  std::unique_ptr<re2::RE2> gnu;
  std::unique_ptr<re2::RE2> id_reference;

  CompiledRules()
      : m_rules(std::size(k_rules)), m_once(std::make_unique<std::once_flag[]>(std::size(k_rules))) {
    for (const Rule& rule : k_rules) {
      set.Add(rule.pattern, nullptr);
    }
    set.Compile();
    cc = std::make_unique<re2::RE2>(k_cc_pattern, options());
    gfdl = std::make_unique<re2::RE2>(k_gfdl_pattern, options());
    gnu = std::make_unique<re2::RE2>(k_gnu_pattern, options());
    id_reference = std::make_unique<re2::RE2>(k_id_pattern, options());
  }

  // Rule `i`'s expression, compiled on first use (safe across threads).
  const re2::RE2& rule(std::size_t i) const {
    std::call_once(m_once[i],
                   [&] { m_rules[i] = std::make_unique<re2::RE2>(k_rules[i].pattern, options()); });
    return *m_rules[i];
  }

private:
  static re2::RE2::Options options() {
    re2::RE2::Options opt;
    opt.set_max_mem(64 << 20);
    return opt;
  }

  mutable std::vector<std::unique_ptr<re2::RE2>> m_rules;
  std::unique_ptr<std::once_flag[]> m_once;
};

const CompiledRules& compiled() {
  static const CompiledRules k_compiled;
  return k_compiled;
}

bool is_comment_char(char c) {
  return c == '/' || c == '*' || c == '#' || c == ';' || c == '!' || c == '%' || c == '-' || c == '"' ||
         c == '\'' || c == '>' || c == '|' || c == '=' || c == '+' || c == '{' || c == '}';
}

// A tag's value without what closes the comment around it: "MIT */" → "MIT",
// "Apache-2.0 -->" → "Apache-2.0". A "+" or "-" that belongs to an id stays.
std::string strip_comment_closers(std::string value) {
  static constexpr std::array<std::string_view, 9> k_closers{"*/", "-->", "#}", "%}", "*)",
                                                             "\"", "'",   ";",  ","};
  bool changed = true;
  while (changed) {
    changed = false;
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) {
      value.pop_back();
    }
    for (std::string_view closer : k_closers) {
      if (value.size() >= closer.size() &&
          std::string_view(value).substr(value.size() - closer.size()) == closer) {
        value.resize(value.size() - closer.size());
        changed = true;
      }
    }
  }
  return value;
}

class NoticeScanner {
public:
  NoticeScanner(std::string_view text, const NoticeText& nt) : m_text(text), m_nt(nt), m_flat(nt.flat()) {}

  std::vector<Notice> run() {
    scan_tags();
    scan_rules();
    scan_cc();
    scan_gfdl();
    scan_gnu();
    scan_id_references();
    drop_claimed();
    std::sort(m_out.begin(), m_out.end(), [](const Notice& a, const Notice& b) { return a.begin < b.begin; });
    merge_overlaps();
    return std::move(m_out);
  }

private:
  void add(std::string id, NoticeKind kind, std::size_t flat_begin, std::size_t flat_end, double confidence) {
    Notice n;
    n.id = std::move(id);
    n.kind = kind;
    n.begin = m_nt.source_offset(flat_begin);
    n.end = m_nt.source_offset(flat_end > flat_begin ? flat_end - 1 : flat_begin) + 1;
    n.evidence = std::string(m_flat.substr(flat_begin, std::min<std::size_t>(flat_end - flat_begin, 200)));
    n.confidence = confidence;
    m_out.push_back(std::move(n));
  }

  void scan_tags() {
    if (m_flat.find("spdx-license-identifier") == std::string::npos) {
      return;
    }
    // Tags are read from the original text, where case and line ends survive.
    static const re2::RE2 k_tag(R"((?i)spdx-license-identifier:[ \t]*([^\r\n]*))");
    re2::StringPiece input(m_text.data(), m_text.size());
    re2::StringPiece groups[2];  // the whole tag, and its expression
    std::size_t pos = 0;
    while (pos < m_text.size() && k_tag.Match(input, pos, m_text.size(), re2::RE2::UNANCHORED, groups, 2)) {
      Notice n;
      n.id = strip_comment_closers(std::string(groups[1]));
      n.kind = NoticeKind::spdx_tag;
      n.begin = static_cast<std::size_t>(groups[0].data() - m_text.data());
      n.end = n.begin + groups[0].size();
      n.evidence = std::string(groups[0].substr(0, 200));
      n.confidence = 1.0;
      pos = n.end;  // never empty: the match holds the keyword
      m_out.push_back(std::move(n));
    }
  }

  void scan_rules() {
    const CompiledRules& c = compiled();
    std::vector<int> hits;
    if (!c.set.Match(m_flat, &hits)) {
      return;
    }
    std::sort(hits.begin(), hits.end());
    for (int h : hits) {
      each_match(c.rule(static_cast<std::size_t>(h)),
                 [&](std::size_t b, std::size_t e, const re2::StringPiece*) {
                   if (is_longer_id(e) || is_passing_mention(b, e)) {
                     return;
                   }
                   add(k_rules[h].id, NoticeKind::notice, b, e, k_rules[h].confidence);
                   if (k_rules[h].claims == Claims::span) {
                     m_claims.push_back(m_out.back());
                   }
                 });
    }
  }

  // "'LGPL-2.1',", "['GNU GPL', 'GPL']": an id as a string in code or data
  // (a list of licenses, a table of spellings) states nothing about the file,
  // unless it is the value of a license key ("license": "MIT").
  // Read in the input, since the flat text drops a quote that opens a line.
  bool is_data_literal(std::size_t flat_begin, std::size_t flat_end) const {
    static const re2::RE2 k_open(R"((?i)(["'])(?:gnu[ /])?$)");
    static const re2::RE2 k_key(R"((?i)licen[cs]es?["']?\s*[:=(]\s*\[?\s*["'](?:gnu[ /])?$)");
    std::size_t b = m_nt.source_offset(flat_begin);
    std::size_t e = m_nt.source_offset(flat_end > flat_begin ? flat_end - 1 : flat_begin) + 1;
    std::string_view before = m_text.substr(b > 40 ? b - 40 : 0, b > 40 ? 40 : b);
    std::string quote;
    if (e >= m_text.size() || !re2::RE2::PartialMatch(before, k_open, &quote) || m_text[e] != quote[0]) {
      return false;
    }
    return !re2::RE2::PartialMatch(before, k_key);
  }

  // "BSD-3-Clause-Clear" holds "BSD-3-Clause": a match followed by "-word"
  // (other than "-license", "-style") is part of a longer id, another license.
  bool is_longer_id(std::size_t flat_end) const {
    std::string_view rest = std::string_view(m_flat).substr(flat_end);
    return rest.size() > 1 && rest[0] == '-' && rest[1] >= 'a' && rest[1] <= 'z' &&
           !rest.starts_with("-licen") && !rest.starts_with("-style");
  }

  // Two rules that match the same words ("released under the MIT license")
  // make one notice. REQUIRES: `m_out` sorted by `begin`.
  void merge_overlaps() {
    std::vector<Notice> merged;
    for (Notice& n : m_out) {
      auto same = std::find_if(merged.begin(), merged.end(), [&](const Notice& m) {
        return m.id == n.id && m.kind == n.kind && n.begin < m.end;
      });
      if (same == merged.end()) {
        merged.push_back(std::move(n));
      } else {
        same->end = std::max(same->end, n.end);
        same->confidence = std::max(same->confidence, n.confidence);
      }
    }
    m_out = std::move(merged);
  }

  // Other licenses named inside a claiming rule's match are part of it.
  void drop_claimed() {
    auto claimed = [&](const Notice& n) {
      return n.kind != NoticeKind::spdx_tag &&
             std::any_of(m_claims.begin(), m_claims.end(), [&](const Notice& c) {
               return n.id != c.id && n.begin >= c.begin && n.end <= c.end;
             });
    };
    m_out.erase(std::remove_if(m_out.begin(), m_out.end(), claimed), m_out.end());
  }

  // A license named in passing, not granted: see the checks below. A
  // "License:" field is never an aside, even after a list of suggestions.
  bool is_passing_mention(std::size_t flat_begin, std::size_t flat_end) const {
    std::size_t from = flat_begin > 160 ? flat_begin - 160 : 0;
    std::string_view before = std::string_view(m_flat).substr(from, flat_begin - from);
    std::string_view after =
        std::string_view(m_flat).substr(flat_end, std::min<std::size_t>(12, m_flat.size() - flat_end));
    // A match that starts with the key ("license": "MIT", license: MIT)
    // states the file's license; its quotes are the key's and the value's.
    std::string_view match = std::string_view(m_flat).substr(flat_begin, flat_end - flat_begin);
    bool field = match.substr(std::min(match.find_first_not_of(" (\"'"), match.size())).starts_with("licen");
    return (!field && is_data_literal(flat_begin, flat_end)) || is_comparison(before) || is_negated(before) ||
           is_modified_name(before, after) || (is_aside(before) && !field) || is_replaced(after) ||
           is_link_target(before);
  }

  void scan_cc() {
    // Every alternative of the pattern holds "creative", "cc-" or "cc ".
    if (m_flat.find("creative") == std::string::npos && m_flat.find("cc-") == std::string::npos &&
        m_flat.find("cc ") == std::string::npos) {
      return;
    }
    each_match(*compiled().cc, [&](std::size_t b, std::size_t e, const re2::StringPiece* g) {
      if (is_passing_mention(b, e)) {
        return;
      }
      // "… 3.0 IGO": the intergovernmental organisations' port, another license.
      std::string_view rest = std::string_view(m_flat).substr(e);
      bool igo = (rest.starts_with(" igo") || rest.starts_with("-igo")) &&
                 (rest.size() == 4 || !std::isalnum(static_cast<unsigned char>(rest[4])));
      for (int i = 1; i <= 5; i += 2) {
        if (!g[i].empty()) {
          std::string id = cc_id(std::string(g[i]), std::string(g[i + 1]));
          // An IGO port the SPDX list lacks is not the license without
          // "IGO" either: identify drops ids the list does not have.
          add(igo ? id + "-IGO" : id, NoticeKind::notice, b, e, 0.9);
          return;
        }
      }
    });
  }

  void scan_gfdl() {
    if (m_flat.find("free documentation") == std::string::npos) {
      return;
    }
    each_match(*compiled().gfdl, [&](std::size_t b, std::size_t e, const re2::StringPiece* g) {
      if (is_passing_mention(b, e)) {
        return;
      }
      add(gfdl_id(std::string_view(g[1].data(), g[1].size()), !g[2].empty(), sentence_from(m_flat, e)),
          NoticeKind::notice, b, e, 0.9);
    });
  }

  void scan_id_references() {
    if (m_flat.find("licen") == std::string::npos) {
      return;
    }
    each_match(*compiled().id_reference, [&](std::size_t b, std::size_t e, const re2::StringPiece* g) {
      std::string word(g[1]);
      // "license: mit." ends a sentence; ".php"/".html" end a URL.
      for (std::string_view suffix : {".php", ".html", ".txt", "-license"}) {
        if (word.size() > suffix.size() && word.ends_with(suffix)) {
          word.resize(word.size() - suffix.size());
        }
      }
      while (!word.empty() && word.back() == '.') {
        word.pop_back();
      }
      if (!word.empty() && !is_passing_mention(b, e)) {
        add(word, NoticeKind::id_reference, b, e, 0.9);
      }
    });
  }

  void scan_gnu() {
    if (m_flat.find("public") == std::string::npos && m_flat.find("gpl") == std::string::npos) {
      return;
    }
    each_match(*compiled().gnu, [&](std::size_t b, std::size_t e, const re2::StringPiece* g) {
      std::optional<GnuMention> mention = gnu_mention(b, e, g);
      if (!mention || is_passing_mention(b, e)) {
        return;
      }
      auto reading = read_gnu(m_flat, b, e, *mention);
      if (reading) {
        add(gnu_id(*reading), NoticeKind::notice, b, e, reading->version.empty() ? 0.7 : 0.9);
      }
    });
  }

  // The captured parts of a GNU name, or nothing when the words are not a
  // statement about this file's license.
  std::optional<GnuMention> gnu_mention(std::size_t b, std::size_t e, const re2::StringPiece* g) const {
    std::string_view name = std::string_view(m_flat).substr(b, e - b);
    GnuMention m;
    m.abbreviated = name.find("public") == std::string_view::npos;
    if (!m.abbreviated && name.find("gnu") == std::string_view::npos &&
        name.find("general") == std::string_view::npos) {
      return std::nullopt;  // "Mozilla Public License", "the public license"
    }
    std::size_t ctx_begin = b > 120 ? b - 120 : 0;
    std::string_view before = std::string_view(m_flat).substr(ctx_begin, b - ctx_begin);
    std::string_view after = std::string_view(m_flat).substr(e, std::min<std::size_t>(40, m_flat.size() - e));
    if (is_other_works_license(after) || (m.abbreviated && is_alias(before))) {
      return std::nullopt;
    }
    m.lead = std::string(g[1]);
    m.abbrev_family = std::string(g[2]);
    m.version = std::string(g[3]);
    m.later = !g[4].empty() || g[5] == "or-later";
    // "Lesser GPL", "Affero GPL": the family is the word before.
    static const re2::RE2 k_lead(R"((lesser|library|affero) (?:gnu )?$)");
    std::string lead;
    if (m.abbreviated && m.abbrev_family.empty() && re2::RE2::PartialMatch(before, k_lead, &lead)) {
      m.lead = lead;
    }
    bool at_start = b < 8;  // the file is the license's name, e.g. a title line
    if (m.version.empty() && !at_start && !is_licensing_context(before) && !is_licensing_context(after)) {
      return std::nullopt;
    }
    return m;
  }

  template <typename F> void each_match(const re2::RE2& re, F&& on_match) {
    constexpr int k_max_groups = 8;
    re2::StringPiece groups[k_max_groups];
    int n = std::min(k_max_groups, 1 + re.NumberOfCapturingGroups());
    re2::StringPiece input(m_flat);
    std::size_t pos = 0;
    while (pos <= m_flat.size() && re.Match(input, pos, m_flat.size(), re2::RE2::UNANCHORED, groups, n)) {
      auto b = static_cast<std::size_t>(groups[0].data() - m_flat.data());
      std::size_t e = b + groups[0].size();
      on_match(b, e, groups);
      pos = e > b ? e : b + 1;
    }
  }

  std::string_view m_text;
  const NoticeText& m_nt;
  const std::string& m_flat;
  std::vector<Notice> m_out;
  std::vector<Notice> m_claims;  // matches of Claims::span rules
};

// Where the words of line [`b`, `eol`) begin: after its leading comment
// markers and spaces, and after m4's "dnl".
std::size_t comment_start(std::string_view text, std::size_t b, std::size_t eol) {
  while (b < eol && (text[b] == ' ' || text[b] == '\t' || is_comment_char(text[b]))) {
    ++b;
  }
  std::string_view rest = text.substr(b, eol - b);
  if (rest == "dnl" || rest.starts_with("dnl ") || rest.starts_with("dnl\t")) {
    return comment_start(text, b + 3, eol);
  }
  return b;
}

// After the text's line prefix (normalize.hpp's line_prefix: "_C_", "c",
// line numbers) at `b`, and the comment markers after it.
std::size_t
after_line_prefix(std::string_view text, std::size_t b, std::size_t eol, const LinePrefix& prefix) {
  std::size_t e = skip_line_prefix(text, b, prefix);
  return e > b ? comment_start(text, e, eol) : b;
}

// Where the words of line [`b`, `eol`) end: before the comment markers that
// close a boxed comment ("... version 1.3c of this license %", "... */").
std::size_t comment_end(std::string_view text, std::size_t b, std::size_t eol) {
  std::size_t e = eol;
  while (e > b && (text[e - 1] == ' ' || text[e - 1] == '\t' || text[e - 1] == '\r')) {
    --e;
  }
  std::size_t t = e;
  while (t > b && is_comment_char(text[t - 1])) {
    --t;
  }
  bool after_space = t > b && (text[t - 1] == ' ' || text[t - 1] == '\t');
  return t < e && after_space ? t : eol;
}

}  // namespace

// Calls `emit(char, input offset)` for each flat character: comment markers
// (leading, and trailing ones that close a box) and indentation dropped, lower case, runs of spaces and line
// breaks folded into one space, a blank line kept as "\n" (a paragraph break).
template <typename Emit> void NoticeText::flatten(std::string_view text, Emit&& emit) {
  char last = 0;  // the last character emitted
  auto put = [&](char c, std::size_t at) {
    emit(c, at);
    last = c == '\b' ? '\n' : c;
  };
  LinePrefix prefix = line_prefix(text);
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t eol = text.find('\n', i);
    if (eol == std::string_view::npos) {
      eol = text.size();
    }
    std::size_t b = after_line_prefix(text, comment_start(text, i, eol), eol, prefix);
    std::size_t e = comment_end(text, b, eol);
    bool blank = b == e;
    for (std::size_t k = b; k < e; ++k) {
      char c = text[k];
      if (c == '\t' || c == ' ') {
        if (last != 0 && last != ' ') {
          put(' ', k);
        }
        continue;
      }
      put(util::ascii_lower(c), k);
    }
    // A blank line ends a paragraph; otherwise lines join with one space.
    if (blank && last != 0 && last != '\n') {
      put(last == ' ' ? '\b' : '\n', eol);  // '\b': the space just emitted becomes the break
    } else if (last != 0 && last != ' ' && last != '\n') {
      put(' ', std::min(eol, text.size() - 1));
    }
    i = eol + 1;
  }
}

// One pass writes the flat text and its map back to the input, through
// pointers into buffers sized first: each flat byte stands for at least one
// input byte, except the space that may end the last line.
NoticeText::NoticeText(std::string_view text) : m_text(text) {
  m_flat.resize(text.size() + 1);
  m_source.resize(text.size() + 1);
  char* flat = m_flat.data();
  std::uint32_t* source = m_source.data();
  std::size_t used = 0;
  flatten(text, [&](char c, std::size_t at) {
    if (c == '\b') {
      flat[used - 1] = '\n';  // the space just written becomes the paragraph break
    } else {
      flat[used] = c;
      source[used++] = static_cast<std::uint32_t>(at);
    }
  });
  m_flat.resize(used);
  m_source.resize(used);
}

std::size_t NoticeText::source_offset(std::size_t pos) const {
  return m_source.empty() ? 0 : m_source[std::min(pos, m_source.size() - 1)];
}

std::vector<Notice> find_notices(std::string_view text) {
  NoticeText nt(text);
  return NoticeScanner(text, nt).run();
}

}  // namespace aperture::license
