#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <utility>

#include <re2/re2.h>

#include <aperture/license/notices.hpp>
#include <aperture/terms/clause_detector.hpp>
#include <aperture/util/error.hpp>
#include <aperture/util/text.hpp>

namespace aperture::terms {

namespace {

using license::NoticeText;

constexpr std::size_t k_quote_chars = 300;    // longest quote and detail, in characters
constexpr std::size_t k_cue_reach = 500;      // how far back a "shall not" still governs a topic
constexpr std::size_t k_max_matches = 64;     // matches of one pattern read per sentence
constexpr std::size_t k_max_cues = 4096;      // "shall not" and "may use" read per sentence
constexpr std::size_t k_protect_reach = 400;  // longest quoted notice kept whole by the splitter
constexpr std::size_t k_heading_max = 80;     // longest line read as a heading
constexpr std::size_t k_pair_reach = 120;     // widest gap between "revenue" and its amount
constexpr std::size_t k_colon_reach = 800;    // how far a "the following notice:" looks ahead
// Longest match of a pattern with gaps ("include .*? restrictions .*? in any
// agreement"). The gaps are unbounded in the patterns, since counted gaps
// (".{0,120}?") make RE2's DFA slow on text dense with keywords; a longer
// match is dropped and the search resumes one byte after its start.
constexpr std::size_t k_near = 200;
constexpr std::size_t k_far = 400;

// ---------------------------------------------------------------------------
// Patterns. All run over NoticeText::flat(): lower case, single spaces, one
// sentence at a time.

// A number as licenses write it: "700", "1,000,000", "1.5".
const std::string k_num = R"((\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?))";
// Its scale word: "700 million", "1m", "10k".
const std::string k_scale = R"((?:\s?(million|billion|thousand|trillion|mn|mm|bn|m|b|k)\b)?)";

// Words that forbid: "shall not", "agree not to", "is prohibited", "nor".
const char* const k_prohibition =
    R"(\b(?:may|shall|must|will|can|should|could|would)\s*not\b|\bcannot\b|)"
    R"(\b(?:can|won|don|mustn|shan|shouldn)(?:'|’)t\b|\bagrees?\s+not\s+to\b|)"
    R"(\bnot\s+to\s+(?:use|be\s+used|exploit|deploy|distribute|employ)\b|\bdo\s+not\s+(?:use|deploy|employ|exploit)\b|)"
    R"(\bprohibit(?:ed|s)?\b|\bforbid(?:den|s)?\b|\bnot\s+(?:be\s+)?(?:permitted|allowed|authori[sz]ed|licensed)\b|)"
    R"(\bno\s+(?:right|license|licence|permission)\s+to\b|\bnor\b|\bnever\b)";

// Words that permit: "you may use", "is permitted", "without restriction".
const char* const k_permission =
    R"(\b(?:may|can|could|might)\s+(?:also\s+|freely\s+|still\s+|additionally\s+)?)"
    R"((?:use|utili[sz]e|employ|train|distill|fine-?tune|improve|access|develop|create|deploy|exploit|build|apply|leverage)\b|)"
    R"(\b(?:free|welcome|entitled)\s+to\b|\b(?:is|are)\s+(?:hereby\s+|expressly\s+|explicitly\s+|also\s+)?)"
    R"((?:permitted|allowed|authori[sz]ed)\b|\bpermission\s+to\b|\bhereby\s+grants?\b|)"
    R"(\bwithout\s+(?:any\s+)?restrictions?\b|\bno\s+(?:use\s+|field[- ]of[- ]use\s+)?restrictions?\b|)"
    R"(\bnot\s+(?:restricted|prohibited|forbidden|limited)\b|\bnothing\s+(?:in\s+this\s+[a-z]+\s+)?(?:prohibits|restricts|prevents|limits)\b)";

// A ban written after its topic: "commercial use is strictly prohibited".
const char* const k_passive_ban =
    R"(^[^,;]*?\b(?:is|are|shall\s+be|will\s+be|be)\s+(?:strictly\s+|expressly\s+|hereby\s+)?)"
    R"((?:prohibited|forbidden|not\s+(?:permitted|allowed|authori[sz]ed|licensed|granted))\b)";

// A permission written after its topic: "but commercial use is permitted".
const char* const k_passive_permission =
    R"(^[^,;]*?\b(?:is|are|shall\s+be|will\s+be)\s+(?:hereby\s+|expressly\s+|also\s+)?)"
    R"((?:permitted|allowed|authori[sz]ed|granted)\b)";

// A negation just before a duty: "you are not required to register".
const char* const k_negation_before = R"((?:\b(?:not|no|never|without|nor)\b|n(?:'|’)t\b)[^.;,]{0,30}$)";
// A negation inside a match: "we may not terminate ... at any time".
const char* const k_negation_inside = R"(\b(?:not|never)\b|n(?:'|’)t\b)";

// Obligation words for duties.
const char* const k_obligation =
    R"(\b(?:must|shall|will|required|requires|agree|agrees|need\s+to|have\s+to|has\s+to|obliged|obligated|responsible\s+for)\b)";

// A license that limits use to non-commercial or research purposes.
const char* const k_non_commercial =
    R"(non-?commercial[a-z ,/&-]*?\b(?:purposes?|uses?|research|applications?|activities|basis|settings?)\s+only\b|)"
    R"(\b(?:only|solely|exclusively|strictly)\s+(?:be\s+used\s+)?(?:for|to|in|with(?:in)?)\s+(?:the\s+purposes?\s+of\s+)?)"
    R"((?:your\s+|the\s+|a\s+|any\s+)?(?:own\s+)?(?:(?:personal|internal|private)[ ,]+)*)"
    R"((?:non-?commercial|research|academic|evaluation|educational|teaching|scientific|non-?profit)\b|)"
    R"(\b(?:research|academic|evaluation|educational|scientific|personal|testing|non-?commercial))"
    R"((?:[ ,/&]+(?:and/or\s+|and\s+|or\s+)?(?:non-?commercial|research|academic|evaluation|educational|scientific|personal|testing))*)"
    R"(\s+(?:purposes?|uses?|usage)\s+only\b|)"
    R"(\bfor\s+(?:non-?commercial\s+)?(?:research|academic|evaluation)\s+only\b|)"
    R"(\bmay\s+only\b.*?\bfor\s+(?:your\s+)?(?:non-?commercial|research|academic|evaluation)\b|)"
    R"(\b(?:limited|restricted)\s+to\s+(?:your\s+|the\s+)?(?:own\s+)?(?:personal\s+)?)"
    R"((?:non-?commercial|research|academic|evaluation|educational)\b|)"
    R"(\b(?:may|license\s+to|right\s+to)\s+(?:use|copy|modify|reproduce|distribute)\b[^.;]*?)"
    R"(\bfor\s+(?:your\s+)?(?:own\s+)?non-?commercial\s+(?:research\s+)?(?:purposes?|uses?)\b|)"
    R"(\bno\s+commercial\s+(?:use|usage|purposes?|exploitation)\b|)"
    R"(\bnot\s+for\s+commercial\s+(?:use|usage|purposes?|distribution|exploitation)\b)";

// Commercial use as the object of a ban ("may not use ... for commercial purposes").
const char* const k_commercial_topic =
    R"((?:^|[^a-z-])(?:for|in|to|with|into|toward)\s+(?:any\s+|a\s+|your\s+|their\s+)?)"
    R"((?:direct(?:ly)?\s+or\s+indirect(?:ly)?\s+|revenue-generating\s+)?commercial(?:\s+or\s+[a-z-]+)?\s+)"
    R"((?:purposes?|uses?|usage|activit(?:y|ies)|applications?|products?|services?|gain|advantage|settings?|)"
    R"(exploitation|deployment|environments?|ventures?|projects?|offerings?)\b|)"
    R"((?:^|[^a-z-])commercial(?:ly)?\s+(?:use|usage|exploitation|deployment|distribution|purposes?)\b|)"
    R"(\b(?:use|exploit|deploy|distribute|offer|license)\s+(?:it\s+|them\s+|the\s+[a-z]+\s+)?commercially\b)";

// A number of users: "700 million monthly active users", "10 million MAU".
const std::string k_users_forward =
    k_num + k_scale +
    R"(\+?\s+(?:\([^)]{0,40}\)\s+)?(?:global\s+|total\s+|registered\s+|unique\s+|aggregate\s+|combined\s+)?)"
    R"((monthly\s+active\s+(?:end\s+)?users?|daily\s+active\s+(?:end\s+)?users?|weekly\s+active\s+users?|)"
    R"(active\s+(?:end\s+)?users?|monthly\s+users?|registered\s+users?|end[- ]users?|users?|maus?|daus?)\b)";
// "monthly active users ... exceeds 100 million".
const std::string k_users_reverse =
    R"(\b(monthly\s+active\s+(?:end\s+)?users?|daily\s+active\s+users?|active\s+users?|maus?|daus?|number\s+of\s+users)\b)"
    R"(.*?\b(?:more\s+than|greater\s+than|exceed(?:s|ing|ed)?|in\s+excess\s+of|over|above|at\s+least|surpass(?:es|ing)?|)"
    R"(reach(?:es|ing)?|fewer\s+than|less\s+than|below|under|up\s+to|no\s+more\s+than|not\s+more\s+than|of)\s+)" +
    k_num + k_scale;
// Words that make a number a threshold rather than a statistic.
const char* const k_threshold_cue =
    R"(\b(?:more\s+than|greater\s+than|exceed\w*|in\s+excess\s+of|over|above|at\s+least|or\s+more|fewer\s+than|)"
    R"(less\s+than|below|under|up\s+to|maximum|limit\w*|threshold|cap|reach\w*|surpass\w*|if|when|once|where|until)\b)";

// An amount of money: "$1 million", "USD 1M", "US $1,000,000", "1,000,000 USD".
const std::string k_money =
    R"((\busd\s?\$?|\bus\s?\$|\bu\.s\.\s?\$|\$|€|£|\beur\s?|\bgbp\s?|\brmb\s?|\bcny\s?|¥)?\s?)" + k_num +
    k_scale + R"((\s?(?:usd|us\s+dollars|dollars|euros?|eur|gbp|pounds|rmb|yuan|cny)\b)?)";
const char* const k_revenue_word = R"(\b(?:revenues?|turnover|gross\s+sales|sales|income|earnings))";
const char* const k_annual =
    R"(\b(?:annual|annually|yearly|per\s+year|a\s+year|each\s+year|per\s+annum|fiscal\s+year|)"
    R"(calendar\s+year|12\s+months|twelve\s+months)\b)";

// Uses a field-of-use ban names.
const char* const k_field_topic =
    R"(\bmilitary\b|\bwarfare\b|\bweapon(?:s|ry|i[sz]ation)?\b|\bsurveil\w*|)"
    R"(\bmedical\s+(?:advice|diagnos\w*|treatment|purposes?|uses?|decisions?|applications?|devices?|results)\b|)"
    R"(\bclinical\s+(?:decisions?|diagnos\w*|use|purposes?|applications?)\b|\bnuclear\b|\bbiometric\w*|)"
    R"(\blaw\s+enforcement\b|\bespionage\b|\bcritical\s+infrastructure\b|\bcredit\s+scoring\b|)"
    R"(\bemployment\s+decisions?\b|\blegal\s+advice\b|\bfinancial\s+advice\b|\bpolitical\s+campaign\w*|)"
    R"(\bimmigration\b|\bpredictive\s+policing\b|\bfacial\s+recognition\b|\bautomated\s+decision[- ]making\b|)"
    R"(\b(?:restricted|prohibited|high[- ]risk)\s+uses?\b)";
// A section heading that introduces use bans: "Use Restrictions", "Prohibited Uses".
const char* const k_field_heading =
    R"(^(?:attachment\s+[a-z0-9]+\s*[:.-]?\s*)?(?:use|usage|use-based|field[- ]of[- ]use)\s+restrictions?[.:]?$|)"
    R"(^(?:prohibited|restricted)\s+uses?[.:]?$|^restrictions\s+on\s+use[.:]?$)";

// Using the model or its outputs to build another model.
const char* const k_improve_topic =
    R"(\b(?:train|training|trains|improve|improving|improves|enhance|enhancing|develop|developing|distill|distilling|)"
    R"(fine-?tune|fine-?tuning|build|building|create|creating)\b.*?)"
    R"(\b(?:other|another|competing|competitive|rival|third[- ]party|different|non-[a-z]+)\b.*?)"
    R"(\b(?:models?|llms?|ai\s+systems?|ai|systems?|algorithms?|products?|services?)\b|)"
    R"(\b(?:train|training|improve|improving|enhance|develop|distill|create|creating)\b.*?\bany\b.*?)"
    R"(\b(?:models?|llms?)\b.*?\b(?:excluding|other\s+than|except)\b)";

// A required string shown to users: "prominently display "Built with Llama"".
const char* const k_display_quote =
    R"(\b(?:display|show|state|include|add|place|put|mark|label|feature|present|insert|use)\b)"
    R"((\s+(?:prominently|clearly|conspicuously|visibly))?)"
    R"((?:\s+the\s+(?:words?|phrase|text|statement|notice|attribution|legend|badge|label))?\s*[:,]?\s*(?:"|“|‘|'))";
const char* const k_prominent =
    R"(\b(?:prominently|clearly|conspicuously|visibly)\s+(?:display|show|state|include|mark))";
// A notice to keep: "retain the following attribution notice".
const char* const k_following_notice =
    R"(\bthe\s+following\s+(?:attribution\s+|copyright\s+|legal\s+)?)"
    R"((?:notices?|statements?|text|legend|attribution|credit|acknowledg\w*)\b)";
const char* const k_credit =
    R"(\b(?:give|provide)\s+(?:appropriate\s+|proper\s+|due\s+)?(?:credit|attribution)\b|)"
    R"(\battribution\s+(?:is\s+)?required\b)";
// What follows a quote that makes it a naming duty.
const char* const k_naming_context =
    R"(^\s*(?:\([^)]{0,40}\)\s*)?(?:at\s+the\s+(?:beginning|start|front)\s+of|as\s+(?:a\s+|the\s+)?prefix|)"
    R"(in\s+(?:the|its|their|any|such|each)\s+(?:[a-z-]+\s+){0,3}?names?\b|as\s+part\s+of\s+(?:the|its|any)))";

// A required model name: "include "Llama" at the beginning of any such AI model name".
const char* const k_naming =
    R"((?:"|“|‘|(?:^|[\s(:])')([^"”'’]{1,80})(?:"|”|’|')\s*(?:\([^)]{0,40}\)\s*)?)"
    R"((?:at\s+the\s+(?:beginning|start|front)\s+of|as\s+(?:a\s+|the\s+)?prefix\s+(?:of|to|in|for)|in|within|as\s+part\s+of)\s+)"
    R"(.*?\bnames?\b|)"
    R"(\bnames?\b.*?\b(?:must|shall|should|will)\s+(?:also\s+)?(?:begin|start|be\s+prefixed|include|contain)\s+with\s+)"
    R"((?:the\s+(?:word|prefix|term|string|name)\s+)?(?:"|“|‘|')([^"”'’]{1,60})|)"
    R"(\bprefix(?:ed)?\s+(?:with\s+|by\s+)?(?:the\s+(?:word|string|term|name)\s+)?(?:"|“|‘|')([^"”'’]{1,60})(?:"|”|’|'))";

// Policies pulled in by reference.
const char* const k_policy_word = R"(\b(?:polic(?:y|ies)|aup|guidelines|code\s+of\s+conduct)\b)";
const char* const k_policy_reference =
    R"(\bincorporated\s+(?:herein\s+|into\s+(?:this|the)\s+[a-z]+\s+)?by\s+reference\b|)"
    R"(\b(?:subject\s+to|compl(?:y|ies)\s+with|adheres?\s+to|abides?\s+by|in\s+accordance\s+with|bound\s+by|)"
    R"(governed\s+by|agree\s+to)\b.*?(?:\b(?:acceptable\s+use|prohibited\s+use|responsible\s+use|use|usage|)"
    R"(content|model\s+use)\s+polic(?:y|ies)\b|\baup\b)|)"
    R"(\b(?:polic(?:y|ies)|aup|guidelines)\b.*?\b(?:available|found|located|accessible|posted|published)\s+(?:at|on|here)\b)";
// A policy or the terms the licensor may change.
const char* const k_updatable =
    R"(\b(?:polic(?:y|ies)|aup|terms|agreement|licen[cs]e|guidelines|conditions)\b.*?)"
    R"(\b(?:as\s+(?:it\s+)?(?:may\s+be\s+)?|which\s+may\s+be\s+|that\s+may\s+be\s+|may\s+be\s+|will\s+be\s+|is\s+|are\s+))"
    R"((?:updated|amended|modified|revised|changed|supplemented)\s+)"
    R"((?:from\s+time\s+to\s+time|periodically|at\s+any\s+time|without\s+notice|in\s+(?:its|our)\s+(?:sole\s+)?discretion)|)"
    R"(\b(?:polic(?:y|ies)|aup|terms|agreement|licen[cs]e|guidelines)\b.*?\b(?:may|can|will)\s+be\s+)"
    R"((?:updated|amended|modified|revised|changed)\b|)"
    R"(\b(?:may|can|will|reserves?\s+the\s+right\s+to|(?:has|have|retains?)\s+the\s+right\s+to)\s+)"
    R"((?:from\s+time\s+to\s+time\s+|at\s+any\s+time\s+|also\s+|unilaterally\s+|periodically\s+)?)"
    R"((?:update|amend|modify|revise|change|supplement)\s+(?:this|the|these|its|our|such|any)\s+(?:[a-z-]+\s+){0,4}?)"
    R"((?:polic(?:y|ies)|aup|terms|agreement|licen[cs]e|guidelines)\b|)"
    R"(\b(?:most\s+recent|latest|current|up-to-date|updated)\s+(?:copy|version)\b.*?)"
    R"(\b(?:can\s+be\s+found|may\s+be\s+found|is\s+available|will\s+be\s+available|are\s+available|available|found|)"
    R"(posted|located|published)\b)";
const char* const k_updatable_subject =
    R"(\b(?:polic(?:y|ies)|aup|terms|agreement|licen[cs]e|guidelines|conditions)\b)";

// Restrictions that must travel with the model, as a duty of the licensee
// ("you must include the use restrictions in any agreement"): these count
// only after "must", "shall" or "will".
const char* const k_flow_down_duty =
    R"(\b(?:include|incorporate|impose|insert|pass(?:es|ed)?\s+(?:on|through|along)|flow(?:s|ed)?\s+down|extend)\b)"
    R"(.*?\b(?:restrictions?|these\s+terms|this\s+(?:agreement|licen[cs]e)(?:'s|’s)?\s+(?:terms|restrictions)|)"
    R"(paragraph\s+\d+|section\s+[0-9.]+)\b.*?\b(?:agreements?|licen[cs]es?|terms\s+of\s+(?:use|service)|)"
    R"(contracts?|recipients?|users?|licensees?|sublicensees?|third\s+parties|downstream)\b|)"
    R"(\b(?:require|ensure|cause|oblige|bind)\b.*?\b(?:users?|recipients?|licensees?|sublicensees?|third\s+parties|)"
    R"(customers|anyone|end\s+users)\b.*?\bto\s+(?:comply\s+with|abide\s+by|adhere\s+to|be\s+bound\s+by)\b|)"
    R"(\bnotice\s+to\s+(?:subsequent\s+|downstream\s+)?(?:users|recipients)\b.*?\bsubject\s+to\b.*?\brestrictions\b)";
// ... and as a statement about derivatives ("derivatives are subject to the
// same restrictions", "use-based restrictions must be included").
const char* const k_flow_down_state =
    R"(\b(?:use[- ](?:based\s+)?|usage\s+)?restrictions?\b.*?\b(?:must|shall|will|are\s+to)\s+(?:also\s+)?be\s+)"
    R"((?:included|incorporated|imposed|passed\s+(?:on|through|along)|flowed\s+down|reproduced|retained)\b|)"
    R"(\b(?:derivatives?|derivative\s+(?:works?|versions?|models?)|modifications?|modified\s+versions?|)"
    R"(fine-?tuned\s+(?:versions?|models?)|redistributions?|copies)\b.*?)"
    R"(\b(?:subject\s+to|bound\s+by|include|carry|retain|comply\s+with)\b.*?\bthe\s+same\b.*?)"
    R"(\b(?:restrictions?|terms|conditions|limitations|licen[cs]e)\b|)"
    R"(\b(?:derivatives?|derivative\s+(?:works?|versions?|models?)|modifications?|modified\s+versions?)\b.*?)"
    R"(\b(?:distribute[ds]?|licen[cs]e[ds]?|release[ds]?|make\s+(?:them|it)\s+available)\b.*?)"
    R"(\bunder\s+the\s+same\s+(?:terms|restrictions|conditions|licen[cs]e)\b|)"
    R"(\brestrictions?\b.*?\b(?:also\s+|shall\s+|will\s+|continue\s+to\s+)?apply\s+to\s+(?:any|all|each|every|such)\b)"
    R"(.*?\b(?:derivatives?|derivative\s+works?|modifications?|recipients?|copies|downstream)\b)";

// The licensor may end the license whenever it likes.
const char* const k_at_will_phrase =
    R"((?:\bat\s+any\s+time\b|\bfor\s+any\s+(?:or\s+no\s+)?reason\b|\bfor\s+no\s+reason\b|)"
    R"(\bwithout\s+(?:any\s+)?(?:cause|reason|(?:prior\s+)?notice|liability)\b|\bwith\s+or\s+without\s+(?:cause|notice|reason)\b|)"
    R"(\b(?:at|in)\s+(?:its|our|their|his|her|[a-z]+(?:'s|’s))\s+(?:sole\s+|absolute\s+|own\s+|complete\s+|and\s+)*discretion\b|)"
    R"(\bfor\s+convenience\b|\bat\s+will\b))";
const std::string k_termination =
    R"(\b(?:may|can|might|reserves?\s+the\s+right\s+to|(?:has|have|retains?)\s+the\s+right\s+to|is\s+entitled\s+to|)"
    R"(is\s+free\s+to)\b[^.;]*?\b(?:terminate|revoke|suspend|cancel|rescind|withdraw)\b[^;]*?)" +
    std::string(k_at_will_phrase) + "|" +
    R"(\b(?:may|can|might|reserves?\s+the\s+right\s+to)\b,?\s+(?:[a-z]+\s+){0,2}?)" +
    std::string(k_at_will_phrase) +
    R"(,?\s+(?:[a-z]+\s+){0,2}?(?:terminate|revoke|suspend|cancel|rescind|withdraw)\b|)"
    R"(\b(?:revocable|terminable)\s+(?:by\s+[a-z ]{1,30}?\s+)?)" +
    std::string(k_at_will_phrase);
// Termination for cause is not at will: "at any time if you are in breach".
const char* const k_for_cause =
    R"(\bif\s+(?:you|licensee|the\s+licensee)\b.*?\b(?:breach|violat|fail)|\bupon\s+(?:your\s+|any\s+)?)"
    R"((?:breach|violation)|\bin\s+(?:the\s+)?(?:event|case)\s+of\s+(?:a\s+|any\s+)?(?:breach|violation)|)"
    R"(\bfor\s+(?:material\s+)?breach\b|\bexcept\s+for\s+(?:material\s+)?breach\b)";

// Steps before anyone may get the model.
const char* const k_registration =
    R"(\b(?:must|shall|will\s+need\s+to|need\s+to|needs\s+to|have\s+to|has\s+to|required\s+to|requested\s+to)\s+)"
    R"((?:first\s+|also\s+)?(?:register\b|sign\s+up\b|create\s+(?:an\s+)?account\b|request\s+access\b|)"
    R"(apply\s+for\s+access\b|obtain\s+(?:prior\s+)?(?:approval|access)\b|)"
    R"(submit\s+(?:a\s+|an\s+|the\s+)?(?:request|application|access\s+request|form)\b|)"
    R"(provide\s+(?:us\s+with\s+)?(?:your\s+)?(?:contact|personal)\s+(?:information|details|data)\b|log\s+in\b)|)"
    R"(\b(?:request|apply\s+for)\s+access\b|\bprovide\s+(?:us\s+with\s+)?(?:your\s+)?contact\s+(?:information|details)\b|)"
    R"(\b(?:accept|agree\s+to|acknowledge)\b.*?\b(?:before|prior\s+to)\s+)"
    R"((?:downloading|accessing|using|obtaining|download|access|you\s+(?:download|access|use))\b|)"
    R"(\bregistration\s+(?:is\s+)?(?:required|mandatory)\b|)"
    R"(\b(?:access|downloads?)\s+(?:is|are|will\s+be)\s+(?:granted\s+)?(?:only\s+)?(?:after|upon|subject\s+to)\s+)"
    R"((?:registration|approval|review)\b)";

// List markers that open a sentence: "1.", "b.", "(iv)", "3.2".
const char* const k_marker =
    R"(^(?:\(?(?:\d{1,3}|[a-z]|[ivxlc]{1,6})[.)]|\((?:\d{1,3}|[a-z]|[ivxlc]{1,6})\)|\d{1,3}(?:\.\d{1,3})+\.?|-|\*|•)$)";

// Patterns read bytes (Latin-1), not UTF-8 characters: "." is then one byte
// range instead of a small UTF-8 decoder, which keeps RE2's programs and DFA
// states small. Non-ASCII literals ("’", "“") still match their UTF-8 bytes
// in sequence; in a class ([^"”]) they exclude each of their bytes, so a
// class may stop inside a character (see drop_partial_tail).
std::unique_ptr<re2::RE2> compile(const std::string& pattern) {
  re2::RE2::Options options;
  options.set_encoding(re2::RE2::Options::EncodingLatin1);
  options.set_max_mem(32 << 20);
  auto re = std::make_unique<re2::RE2>(pattern, options);
  APERTURE_ASSERT(re->ok());
  return re;
}

struct Patterns {
  std::unique_ptr<re2::RE2> prohibition = compile(k_prohibition);
  std::unique_ptr<re2::RE2> permission = compile(k_permission);
  std::unique_ptr<re2::RE2> passive_ban = compile(k_passive_ban);
  std::unique_ptr<re2::RE2> passive_permission = compile(k_passive_permission);
  std::unique_ptr<re2::RE2> negation_before = compile(k_negation_before);
  std::unique_ptr<re2::RE2> negation_inside = compile(k_negation_inside);
  std::unique_ptr<re2::RE2> obligation = compile(k_obligation);
  std::unique_ptr<re2::RE2> non_commercial = compile(k_non_commercial);
  std::unique_ptr<re2::RE2> commercial_topic = compile(k_commercial_topic);
  std::unique_ptr<re2::RE2> users_forward = compile(k_users_forward);
  std::unique_ptr<re2::RE2> users_reverse = compile(k_users_reverse);
  std::unique_ptr<re2::RE2> threshold_cue = compile(k_threshold_cue);
  std::unique_ptr<re2::RE2> money = compile(k_money);
  std::unique_ptr<re2::RE2> revenue_word = compile(k_revenue_word);
  std::unique_ptr<re2::RE2> annual = compile(k_annual);
  std::unique_ptr<re2::RE2> field_topic = compile(k_field_topic);
  std::unique_ptr<re2::RE2> field_heading = compile(k_field_heading);
  std::unique_ptr<re2::RE2> improve_topic = compile(k_improve_topic);
  std::unique_ptr<re2::RE2> display_quote = compile(k_display_quote);
  std::unique_ptr<re2::RE2> prominent = compile(k_prominent);
  std::unique_ptr<re2::RE2> following_notice = compile(k_following_notice);
  std::unique_ptr<re2::RE2> credit = compile(k_credit);
  std::unique_ptr<re2::RE2> naming_context = compile(k_naming_context);
  std::unique_ptr<re2::RE2> naming = compile(k_naming);
  std::unique_ptr<re2::RE2> policy_word = compile(k_policy_word);
  std::unique_ptr<re2::RE2> policy_reference = compile(k_policy_reference);
  std::unique_ptr<re2::RE2> updatable = compile(k_updatable);
  std::unique_ptr<re2::RE2> updatable_subject = compile(k_updatable_subject);
  std::unique_ptr<re2::RE2> flow_down_duty = compile(k_flow_down_duty);
  std::unique_ptr<re2::RE2> flow_down_state = compile(k_flow_down_state);
  std::unique_ptr<re2::RE2> termination = compile(k_termination);
  std::unique_ptr<re2::RE2> for_cause = compile(k_for_cause);
  std::unique_ptr<re2::RE2> licensee_subject = compile(R"(\b(?:you|licensee|the\s+licensee)\s*,?\s*$)");
  std::unique_ptr<re2::RE2> registration = compile(k_registration);
  std::unique_ptr<re2::RE2> marker = compile(k_marker);
  // URLs in ASCII only: a byte class could stop inside a UTF-8 character.
  std::unique_ptr<re2::RE2> url =
      compile(R"((?:https?://|www\.)[A-Za-z0-9\-._~:/?#@!$&*+,;=%\\]+|)"
              R"(\b[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:com|org|net|ai|dev|io|co|cn|gov|edu|info|app))"
              R"((?:/[A-Za-z0-9\-._~:/?#@!$&*+,;=%\\]*)?)");  // "\_" is Markdown's escape
};

const Patterns& patterns() {
  static const Patterns k_patterns;
  return k_patterns;
}

// ---------------------------------------------------------------------------
// Small helpers.

struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// Calls `on_match` with the matches of `re` in `s` of at most `max_len`
// bytes, each with its groups, until it returns false; reads at most
// `max_matches` matches.
template <typename F>
void each_match(const re2::RE2& re,
                std::string_view s,
                F&& on_match,
                std::size_t max_len = std::string_view::npos,
                std::size_t max_matches = k_max_matches) {
  constexpr int k_max_groups = 6;
  std::array<re2::StringPiece, k_max_groups> groups;
  int n = std::min(k_max_groups, 1 + re.NumberOfCapturingGroups());
  re2::StringPiece input(s.data(), s.size());
  std::size_t pos = 0;
  std::size_t count = 0;
  std::size_t retries = 0;
  while (pos <= s.size() && count < max_matches &&
         re.Match(input, pos, s.size(), re2::RE2::UNANCHORED, groups.data(), n)) {
    auto b = static_cast<std::size_t>(groups[0].data() - s.data());
    std::size_t e = b + groups[0].size();
    ++count;
    if (e - b > max_len) {
      // A shorter match may start later; each try may read to the end of `s`.
      constexpr std::size_t k_max_retries = 16;
      if (++retries > k_max_retries) {
        return;
      }
      pos = b + 1;
      continue;
    }
    if (!on_match(Span{b, e}, groups.data())) {
      return;
    }
    pos = e > b ? e : b + 1;
  }
}

// Every match of `re` in `s` (up to k_max_cues), for cue words.
std::vector<Span> find_all(const re2::RE2& re, std::string_view s) {
  std::vector<Span> out;
  each_match(
      re, s,
      [&](Span m, const re2::StringPiece*) {
        out.push_back(m);
        return true;
      },
      std::string_view::npos, k_max_cues);
  return out;
}

bool contains(std::string_view s, std::string_view word) {
  return s.find(word) != std::string_view::npos;
}

bool contains_any(std::string_view s, std::initializer_list<std::string_view> words) {
  return std::any_of(words.begin(), words.end(), [&](std::string_view w) { return contains(s, w); });
}

bool search(const re2::RE2& re, std::string_view s) {
  return re2::RE2::PartialMatch(re2::StringPiece(s.data(), s.size()), re);
}

bool is_lower(char c) {
  return c >= 'a' && c <= 'z';
}

bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// `s` with each run of white space as one space, trimmed, cut after
// k_quote_chars characters (UTF-8 sequences stay whole).
std::string fold_space(std::string_view s) {
  std::string out;
  out.reserve(std::min(s.size(), k_quote_chars * 4));
  std::size_t chars = 0;
  bool pending_space = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (util::is_ascii_space(c)) {
      pending_space = !out.empty();
      continue;
    }
    bool starts_char = (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    if (starts_char && chars + (pending_space ? 1 : 0) >= k_quote_chars) {
      break;
    }
    if (pending_space) {
      out.push_back(' ');
      ++chars;
      pending_space = false;
    }
    out.push_back(c);
    chars += starts_char ? 1 : 0;
  }
  return out;
}

// `s` without a UTF-8 sequence cut short at its end (a pattern's byte class
// may stop inside a character).
std::string drop_partial_tail(std::string s) {
  std::size_t lead = s.size();
  while (lead > 0 && s.size() - lead < 4 && (static_cast<unsigned char>(s[lead - 1]) & 0xC0) == 0x80) {
    --lead;
  }
  if (lead == 0) {
    return s;
  }
  auto c = static_cast<unsigned char>(s[lead - 1]);
  std::size_t want = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
  if (s.size() - (lead - 1) < want) {
    s.resize(lead - 1);
  }
  return s;
}

// The value "700 million" or "1,000,000" stands for.
std::optional<double> parse_amount(std::string_view digits, std::string_view scale) {
  std::string plain;
  for (char c : digits) {
    if (c != ',') {
      plain.push_back(c);
    }
  }
  double value = 0;
  auto [end, ec] = std::from_chars(plain.data(), plain.data() + plain.size(), value);
  if (ec != std::errc() || end != plain.data() + plain.size()) {
    return std::nullopt;
  }
  if (scale == "thousand" || scale == "k") {
    value *= 1e3;
  } else if (scale == "million" || scale == "mn" || scale == "mm" || scale == "m") {
    value *= 1e6;
  } else if (scale == "billion" || scale == "bn" || scale == "b") {
    value *= 1e9;
  } else if (scale == "trillion") {
    value *= 1e12;
  }
  if (!std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

std::string_view piece(const re2::StringPiece& p) {
  return {p.data(), p.size()};
}

// ---------------------------------------------------------------------------
// Sentences.

struct Sentence {
  std::size_t begin = 0;  // flat offsets, [begin, end), trimmed
  std::size_t end = 0;
  bool lead_prohibits = false;  // a lead-in such as "You agree not to use the Model:" governs it
};

// Splits NoticeText::flat() into sentences. A sentence ends at ". ", "! " or
// "? " before a word that is not lower case (but not after "Inc." or "e.g."
// and not inside a quoted notice), at a blank line, after a heading line
// ("3.2 Use Restrictions"), and after a ":" or ";" that ends a line, so the
// items of a list are sentences of their own. List markers ("1.", "b.",
// "(iv)") that open a sentence are left out of it.
class SentenceSplitter {
public:
  SentenceSplitter(std::string_view text, const NoticeText& nt) : m_text(text), m_nt(nt), m_flat(nt.flat()) {}

  std::vector<Sentence> run() {
    const std::string& f = m_flat;
    std::size_t start = 0;
    std::size_t line_start = 0;
    std::size_t protect_until = 0;
    for (std::size_t p = 0; p < f.size(); ++p) {
      char c = f[p];
      // A blank line ends everything, quoted or not.
      if (c == '\n') {
        emit(start, p, Stop::paragraph);
        start = line_start = p + 1;
        protect_until = 0;
        continue;
      }
      // The end of an input line: after a heading, before a list item, or
      // after a ":"/";" that closes a lead-in or an item.
      if (c == ' ' && crosses_line(p)) {
        if (p >= protect_until) {
          if (is_heading(line_start, p) && opens_line(p + 1)) {
            // "...use-policy\nProhibited Uses\nWe want": the heading stands alone.
            if (line_start > start && p - line_start <= k_heading_max / 2) {
              emit(start, line_start, Stop::none);
              start = line_start;
            }
            emit(start, p, Stop::heading);
            start = p + 1;
          } else if (p > start && (f[p - 1] == ':' || f[p - 1] == ';' || next_line_is_item(p))) {
            emit(start, p, Stop::soft);
            start = p + 1;
          }
        }
        line_start = p + 1;
        continue;
      }
      // A quoted notice ("...copies: "Llama 2 is licensed ... Inc. All Rights Reserved."") stays whole.
      if (p >= protect_until) {
        protect_until = std::max(protect_until, quote_end(p));
      }
      if ((c != '.' && c != '!' && c != '?') || p < protect_until) {
        continue;
      }
      std::size_t q = skip_closers(p + 1);
      if (q < f.size() && f[q] != ' ' && f[q] != '\n') {
        continue;  // "ai.meta.com", "1.0", "FLUX.1"
      }
      if (q < f.size() && f[q] == ' ' && !opens_sentence(q + 1)) {
        continue;  // "e.g. the", "U.S. and non-U.S."
      }
      if (c == '.' && is_abbreviation(p)) {
        continue;  // "Meta Platforms, Inc. All Rights Reserved"
      }
      // "Definitions\n a. This Agreement": the marker opens the next sentence.
      std::size_t token = token_begin(p);
      if (c == '.' && token > start && token == line_start && is_marker(token, p + 1)) {
        emit(start, token, Stop::none);
        m_item_pending = true;
        start = std::min(f.size(), q + 1);
        continue;
      }
      emit(start, q, Stop::hard);
      start = std::min(f.size(), q + 1);
    }
    emit(start, f.size(), Stop::paragraph);
    return std::move(m_out);
  }

private:
  enum class Stop { hard, soft, heading, paragraph, none };

  char original(std::size_t flat_pos) const { return m_text[m_nt.source_offset(flat_pos)]; }

  // True when the space at `p` joins two input lines.
  bool crosses_line(std::size_t p) const {
    if (p == 0 || p + 1 >= m_flat.size()) {
      return false;
    }
    std::size_t a = m_nt.source_offset(p - 1) + 1;
    std::size_t b = m_nt.source_offset(p + 1);
    return b > a && std::memchr(m_text.data() + a, '\n', b - a) != nullptr;
  }

  // True when the line after the line end at `p` opens a list item: a
  // bullet ("- ", "* ") the flattening left out, or a marker ("ii.", "(b)").
  bool next_line_is_item(std::size_t p) const {
    std::size_t a = m_nt.source_offset(p - 1) + 1;
    std::size_t b = m_nt.source_offset(p + 1);
    std::size_t nl = a;
    for (std::size_t k = a; k < b; ++k) {
      nl = m_text[k] == '\n' ? k : nl;
    }
    for (std::size_t k = nl; k < b; ++k) {
      if (m_text[k] == '-' || m_text[k] == '*' || m_text[k] == '+') {
        return true;
      }
    }
    std::size_t space = m_flat.find(' ', p + 1);
    space = space == std::string::npos ? m_flat.size() : space;
    char last = m_flat[space - 1];
    return space > p + 1 && (last == '.' || last == ')') && is_marker(p + 1, space);
  }

  // True when the piece starting at `b` opens with a bullet or a list marker.
  bool starts_item(std::size_t b) const {
    std::size_t s = m_nt.source_offset(b);
    for (std::size_t k = s, steps = 0; k > 0 && steps < 16; --k, ++steps) {
      char c = m_text[k - 1];
      if (c == '\n') {
        break;
      }
      if (c == '-' || c == '*' || c == '+') {
        return true;
      }
    }
    return false;
  }

  // A short line in title case without closing punctuation: "3.2 Use Restrictions".
  bool is_heading(std::size_t b, std::size_t e) const {
    if (e <= b || e - b > k_heading_max) {
      return false;
    }
    char last = m_flat[e - 1];
    if (last == '.' || last == ',' || last == ';' || last == ':' || last == '!' || last == '?' ||
        last == '-') {
      return false;
    }
    static constexpr std::array<std::string_view, 5> k_small{"with", "from", "into", "upon", "over"};
    std::size_t capitalized = 0;
    std::size_t w = b;
    while (w < e) {
      std::size_t we = m_flat.find(' ', w);
      we = we == std::string::npos || we > e ? e : we;
      std::size_t letters = 0;
      std::size_t first_letter = we;
      for (std::size_t k = w; k < we; ++k) {
        if (is_lower(m_flat[k])) {
          first_letter = std::min(first_letter, k);
          ++letters;
        }
      }
      std::string_view word(m_flat.data() + w, we - w);
      if (first_letter < we && first_letter == w) {
        if (is_upper(original(first_letter))) {
          ++capitalized;
        } else if (letters >= 4 && std::find(k_small.begin(), k_small.end(), word) == k_small.end()) {
          return false;
        }
      }
      w = we + 1;
    }
    return capitalized > 0;
  }

  // The next line opens like a sentence or a heading, not a wrapped lower-case word.
  bool opens_line(std::size_t p) const {
    if (p >= m_flat.size()) {
      return false;
    }
    char c = original(p);
    return is_upper(c) || is_digit(c) || c == '(' || c == '"' || c == '[' ||
           (static_cast<unsigned char>(c) & 0x80);
  }

  bool opens_sentence(std::size_t p) const { return p < m_flat.size() && !is_lower(original(p)); }

  std::size_t skip_closers(std::size_t q) const {
    const std::string& f = m_flat;
    while (q < f.size()) {
      if (f[q] == '"' || f[q] == ')' || f[q] == ']' || f[q] == '\'' || f[q] == '*') {
        ++q;
      } else if (f.compare(q, 3, "”") == 0 || f.compare(q, 3, "’") == 0) {
        q += 3;
      } else {
        break;
      }
    }
    return q;
  }

  // Where the quote opening at `p` closes, when it is a curly quote or a
  // straight one after a colon and it closes on the same paragraph within
  // k_protect_reach bytes; `p` otherwise.
  std::size_t quote_end(std::size_t p) {
    const std::string& f = m_flat;
    std::string_view closer;
    if (f.compare(p, 3, "“") == 0) {
      closer = "”";
    } else if (f[p] == '"') {
      std::size_t k = p;
      while (k > 0 && f[k - 1] == ' ') {
        --k;
      }
      if (k == 0 || f[k - 1] != ':') {
        return p;
      }
      closer = "\"";
    } else {
      return p;
    }
    // The next closer and the next blank line, cached so each search covers new text.
    std::size_t& next = closer == "\"" ? m_next_straight : m_next_curly;
    if (next == std::string::npos || next <= p) {
      next = std::min(f.find(closer, p + 1), f.size());  // f.size(): none left
    }
    if (m_next_paragraph == std::string::npos || m_next_paragraph <= p) {
      m_next_paragraph = f.find('\n', p);
      if (m_next_paragraph == std::string::npos) {
        m_next_paragraph = f.size();
      }
    }
    if (next >= f.size() || next > m_next_paragraph || next - p > k_protect_reach) {
      return p;
    }
    return next + closer.size();
  }

  std::size_t token_begin(std::size_t p) const {
    std::size_t b = p;
    while (b > 0 && m_flat[b - 1] != ' ' && m_flat[b - 1] != '\n' && p - b < 16) {
      --b;
    }
    return b;
  }

  bool is_marker(std::size_t b, std::size_t e) const {
    return e - b <= 12 && re2::RE2::FullMatch(re2::StringPiece(m_flat.data() + b, e - b), *patterns().marker);
  }

  bool is_abbreviation(std::size_t p) const {
    static constexpr std::string_view k_abbreviations[] = {
        "inc",  "ltd",  "co",   "corp",  "llc", "e.g", "i.e", "vs",     "no",  "nos", "art", "sec", "para",
        "mr",   "mrs",  "ms",   "dr",    "st",  "jr",  "sr",  "u.s",    "u.k", "e.u", "fig", "cf",  "al",
        "incl", "dept", "govt", "p.r.c", "n.v", "b.v", "s.a", "approx", "ave", "est", "viz"};
    std::size_t b = p;
    while (b > 0 && (is_lower(m_flat[b - 1]) || m_flat[b - 1] == '.') && p - b < 8) {
      --b;
    }
    if (b > 0 && m_flat[b - 1] != ' ' && m_flat[b - 1] != '(' && m_flat[b - 1] != '\n') {
      return false;
    }
    std::string_view word(m_flat.data() + b, p - b);
    return !word.empty() && std::find(std::begin(k_abbreviations), std::end(k_abbreviations), word) !=
                                std::end(k_abbreviations);
  }

  // Leaves out list markers at `b`: "1. ", "b. ", "(iv) ", "3.2 Use".
  std::size_t skip_markers(std::size_t b, std::size_t e) const {
    for (int round = 0; round < 3 && b < e; ++round) {
      std::size_t space = std::min(m_flat.find(' ', b), e);  // the piece may be a bare "1."
      if (!is_marker(b, space)) {
        break;
      }
      char last = m_flat[space - 1];
      bool punctuated = last == '.' || last == ')' || space - b == 1;
      // "1.5 million users" is not a marker; "3.2 Use Restrictions" is.
      if (!punctuated && !(space + 1 < e && !is_lower(original(space + 1)) && !is_digit(m_flat[space + 1]))) {
        break;
      }
      b = space + 1;
    }
    return b;
  }

  bool prohibits(std::size_t b, std::size_t e) const {
    return search(*patterns().prohibition, std::string_view(m_flat).substr(b, e - b));
  }

  void emit(std::size_t b, std::size_t e, Stop stop) {
    while (b < e && (m_flat[b] == ' ' || m_flat[b] == '\n')) {
      ++b;
    }
    while (e > b && (m_flat[e - 1] == ' ' || m_flat[e - 1] == '\n')) {
      --e;
    }
    std::size_t unmarked = skip_markers(b, e);
    bool item = unmarked > b || m_item_pending || starts_item(b);
    b = unmarked;
    if (b >= e) {
      m_item_pending = item;  // "1." split off before "Violate the law": the item follows
      return;
    }
    m_item_pending = false;
    // A lead-in ("You agree not to use the Model:", or the first piece of a
    // ";" list) governs the piece right after it and the list items after
    // that, until a piece that is no item.
    bool governed = m_lead_active && (item || m_lead_is_previous);
    m_out.push_back(Sentence{b, e, governed && m_lead_prohibits});
    char last = m_flat[e - 1];
    if (last == ':') {
      // A nested lead-in ("1. Violate the law, including to:") keeps the outer ban.
      m_lead_prohibits = prohibits(b, e) || (governed && m_lead_prohibits);
      m_lead_active = true;
      m_lead_is_previous = true;
    } else if (last == ';' || stop == Stop::soft ||
               ((stop == Stop::paragraph || stop == Stop::heading) && last != '.' && last != '!' &&
                last != '?')) {
      // "You may not" before a blank line and "a. rent the software;": a lead-in too.
      if (!governed) {
        m_lead_prohibits = prohibits(b, e);
        m_lead_active = true;
        m_lead_is_previous = true;
      } else {
        m_lead_is_previous = false;
      }
    } else if (governed && item) {
      m_lead_is_previous = false;  // "- Use it for X." ends an item, not the list
    } else {
      m_lead_active = false;
      m_lead_prohibits = false;
      m_lead_is_previous = false;
    }
  }

  std::string_view m_text;
  const NoticeText& m_nt;
  const std::string& m_flat;
  std::vector<Sentence> m_out;
  bool m_lead_active = false;
  bool m_lead_prohibits = false;
  bool m_lead_is_previous = false;  // the lead-in is the piece emitted last
  bool m_item_pending = false;      // a list marker was split off before the next piece
  std::size_t m_next_straight = std::string::npos;
  std::size_t m_next_curly = std::string::npos;
  std::size_t m_next_paragraph = std::string::npos;
};

// ---------------------------------------------------------------------------
// Detection.

// One sentence under examination, with its ban and permission words found once.
class SentenceContext {
public:
  SentenceContext(std::string_view s, bool lead_prohibits) : m_s(s), m_lead_prohibits(lead_prohibits) {}

  [[nodiscard]] std::string_view text() const { return m_s; }

  // True when a ban governs the topic at [b, e): the last of "shall not" and
  // "may use" before it is a ban, or a lead-in bans and nothing permits, or
  // the ban follows ("... is prohibited"); but not when a permission follows
  // ("... is permitted").
  bool prohibited(std::size_t b, std::size_t e) {
    std::string_view after = m_s.substr(e, std::min<std::size_t>(120, m_s.size() - e));
    if (search(*patterns().passive_permission, after)) {
      return false;
    }
    if (!m_cues_found) {
      m_bans = find_all(*patterns().prohibition, m_s);
      m_permissions = find_all(*patterns().permission, m_s);
      m_cues_found = true;
    }
    auto last_before = [&](const std::vector<Span>& cues) -> std::optional<std::size_t> {
      std::optional<std::size_t> last;
      for (const Span& cue : cues) {
        if (cue.end <= b && b - cue.end <= k_cue_reach) {
          last = cue.end;
        }
      }
      return last;
    };
    std::optional<std::size_t> ban = last_before(m_bans);
    std::optional<std::size_t> permission = last_before(m_permissions);
    if (ban && (!permission || *ban > *permission)) {
      return true;
    }
    if (!ban && !permission && m_lead_prohibits) {
      return true;
    }
    return search(*patterns().passive_ban, after);
  }

  // True when the words at [b, e) are negated: "not required to register".
  [[nodiscard]] bool negated(std::size_t b, std::size_t e) const {
    std::size_t from = b > 40 ? b - 40 : 0;
    return search(*patterns().negation_before, m_s.substr(from, b - from)) ||
           search(*patterns().negation_inside, m_s.substr(b, e - b));
  }

  // True when an obligation ("must", "shall") comes before `b`.
  [[nodiscard]] bool obliges_before(std::size_t b) const {
    return search(*patterns().obligation, m_s.substr(0, b));
  }

private:
  std::string_view m_s;
  bool m_lead_prohibits;
  bool m_cues_found = false;
  std::vector<Span> m_bans;
  std::vector<Span> m_permissions;
};

struct Found {
  std::size_t pos = 0;  // sentence offset of the deciding words, for ordering
  DetectedClause clause;
};

class ClauseScanner {
public:
  explicit ClauseScanner(std::string_view text)
      : m_text(text), m_nt(text), m_flat(m_nt.flat()), m_lines(text) {}

  std::vector<DetectedClause> run() {
    std::vector<Sentence> sentences = SentenceSplitter(m_text, m_nt).run();
    for (const Sentence& s : sentences) {
      scan(s);
    }
    return std::move(m_out);
  }

private:
  void scan(const Sentence& s) {
    m_sentence = &s;
    m_found.clear();
    SentenceContext ctx(std::string_view(m_flat).substr(s.begin, s.end - s.begin), s.lead_prohibits);
    detect_non_commercial(ctx);
    detect_user_threshold(ctx);
    detect_revenue_threshold(ctx);
    detect_field_of_use_ban(ctx);
    detect_improve_ban(ctx);
    detect_attribution_and_naming(ctx);
    detect_policy(ctx);
    detect_flow_down(ctx);
    detect_termination(ctx);
    detect_registration(ctx);
    std::stable_sort(m_found.begin(), m_found.end(),
                     [](const Found& a, const Found& b) { return a.pos < b.pos; });
    for (Found& f : m_found) {
      m_out.push_back(std::move(f.clause));
    }
  }

  // Source byte range of the current sentence.
  [[nodiscard]] Span source_span() const {
    return Span{m_nt.source_offset(m_sentence->begin), m_nt.source_offset(m_sentence->end - 1) + 1};
  }

  // The input text behind flat sentence offsets [b, e), white space folded.
  [[nodiscard]] std::string original(std::size_t b, std::size_t e) const {
    if (e <= b) {
      return {};
    }
    std::size_t sb = m_nt.source_offset(m_sentence->begin + b);
    std::size_t se = m_nt.source_offset(m_sentence->begin + e - 1) + 1;
    return drop_partial_tail(fold_space(m_text.substr(sb, se > sb ? se - sb : 0)));
  }

  DetectedClause& add(ClauseKind kind, std::size_t pos) {
    Found f;
    f.pos = pos;
    f.clause.kind = kind;
    Span src = source_span();
    f.clause.first_line = m_lines.line_of(src.begin);
    f.clause.last_line = m_lines.line_of(src.end - 1);
    f.clause.quote = fold_space(m_text.substr(src.begin, src.end - src.begin));
    m_found.push_back(std::move(f));
    return m_found.back().clause;
  }

  [[nodiscard]] bool has(ClauseKind kind, std::string_view detail) const {
    return std::any_of(m_found.begin(), m_found.end(),
                       [&](const Found& f) { return f.clause.kind == kind && f.clause.detail == detail; });
  }

  [[nodiscard]] bool has(ClauseKind kind) const {
    return std::any_of(m_found.begin(), m_found.end(), [&](const Found& f) { return f.clause.kind == kind; });
  }

  // The first URL in the sentence at or after sentence offset `from`, else the first in it.
  [[nodiscard]] std::string url_after(std::size_t from) const {
    Span src = source_span();
    std::string_view sentence = m_text.substr(src.begin, src.end - src.begin);
    std::size_t split = m_nt.source_offset(m_sentence->begin + from) - src.begin;
    std::string first;
    std::string after;
    each_match(*patterns().url, sentence, [&](Span m, const re2::StringPiece*) {
      std::string_view u = sentence.substr(m.begin, m.end - m.begin);
      while (!u.empty() && (u.back() == '.' || u.back() == ',' || u.back() == ';' || u.back() == ':')) {
        u.remove_suffix(1);
      }
      if (first.empty()) {
        first = std::string(u);
      }
      if (m.begin >= split) {
        after = std::string(u);
        return false;
      }
      return true;
    });
    return after.empty() ? first : after;
  }

  void detect_non_commercial(SentenceContext& ctx) {
    std::string_view s = ctx.text();
    if (!contains(s, "commercial") &&
        !contains_any(s, {"only", "solely", "exclusively", "limited to", "restricted to"})) {
      return;
    }
    // A limit to non-commercial or research purposes.
    bool found = false;
    each_match(
        *patterns().non_commercial, s,
        [&](Span m, const re2::StringPiece*) {
          std::string_view rest = s.substr(m.end, std::min<std::size_t>(16, s.size() - m.end));
          bool not_a_limit = rest.starts_with(" restriction") || rest.starts_with(" limit");
          std::size_t from = m.begin > 8 ? m.begin - 8 : 0;
          bool denied = s.substr(from, m.begin - from).ends_with("not ");  // "not only for research"
          if (not_a_limit || denied) {
            return true;
          }
          add(ClauseKind::non_commercial, m.begin);
          found = true;
          return false;
        },
        k_near);
    if (found || !contains(s, "commercial")) {
      return;
    }
    // A ban on commercial use.
    each_match(*patterns().commercial_topic, s, [&](Span m, const re2::StringPiece*) {
      if (!ctx.prohibited(m.begin, m.end)) {
        return true;
      }
      add(ClauseKind::non_commercial, m.begin);
      return false;
    });
  }

  void detect_user_threshold(SentenceContext& ctx) {
    std::string_view s = ctx.text();
    if (!contains_any(s, {"user", "mau", "dau"}) || !search(*patterns().threshold_cue, s)) {
      return;
    }
    auto report = [&](std::size_t pos, std::string_view digits, std::string_view scale,
                      std::string_view unit) {
      std::optional<double> value = parse_amount(digits, scale);
      if (!value || *value <= 0) {
        return false;
      }
      DetectedClause& c = add(ClauseKind::user_threshold, pos);
      c.number = value;
      c.unit = user_unit(unit);
      return true;
    };
    bool found = false;
    each_match(*patterns().users_forward, s, [&](Span m, const re2::StringPiece* g) {
      found = report(m.begin, piece(g[1]), piece(g[2]), piece(g[3]));
      return !found;
    });
    if (found) {
      return;
    }
    each_match(
        *patterns().users_reverse, s,
        [&](Span m, const re2::StringPiece* g) {
          return !report(m.begin, piece(g[2]), piece(g[3]), piece(g[1]));
        },
        k_near);
  }

  static std::string user_unit(std::string_view unit) {
    if (unit.starts_with("monthly active") || unit.starts_with("mau")) {
      return "monthly active users";
    }
    if (unit.starts_with("daily active") || unit.starts_with("dau")) {
      return "daily active users";
    }
    if (unit.starts_with("weekly active")) {
      return "weekly active users";
    }
    if (unit.starts_with("active")) {
      return "active users";
    }
    if (unit.starts_with("monthly")) {
      return "monthly users";
    }
    if (unit.starts_with("registered")) {
      return "registered users";
    }
    if (unit.starts_with("end")) {
      return "end users";
    }
    return "users";
  }

  void detect_revenue_threshold(SentenceContext& ctx) {
    std::string_view s = ctx.text();
    if (!contains_any(s, {"revenue", "turnover", "sales", "income", "earnings"}) ||
        !contains_any(s, {"$", "usd", "€", "eur", "dollar", "£", "gbp", "rmb", "yuan", "cny", "¥"}) ||
        !search(*patterns().threshold_cue, s)) {
      return;
    }
    std::vector<Span> words = find_all(*patterns().revenue_word, s);
    struct Amount {
      Span at;
      double value = 0;
      std::string currency;
    };
    std::optional<Amount> best;
    std::size_t best_gap = k_pair_reach + 1;
    each_match(*patterns().money, s, [&](Span m, const re2::StringPiece* g) {
      std::string_view prefix = piece(g[1]);
      std::string_view suffix = piece(g[4]);
      if (prefix.empty() && suffix.empty()) {
        return true;  // a bare number is no amount of money
      }
      std::optional<double> value = parse_amount(piece(g[2]), piece(g[3]));
      if (!value || *value <= 0) {
        return true;
      }
      for (const Span& w : words) {
        std::size_t gap = w.end <= m.begin ? m.begin - w.end : w.begin >= m.end ? w.begin - m.end : 0;
        if (gap < best_gap) {
          best_gap = gap;
          best = Amount{m, *value, currency_of(prefix, suffix)};
        }
      }
      return true;
    });
    if (!best) {
      return;
    }
    DetectedClause& c = add(ClauseKind::revenue_threshold, best->at.begin);
    c.number = best->value;
    c.unit = best->currency + (search(*patterns().annual, s) ? " annual revenue" : " revenue");
  }

  static std::string currency_of(std::string_view prefix, std::string_view suffix) {
    std::string all = std::string(prefix) + std::string(suffix);
    if (contains_any(all, {"€", "eur"})) {
      return "EUR";
    }
    if (contains_any(all, {"£", "gbp", "pound"})) {
      return "GBP";
    }
    if (contains_any(all, {"rmb", "cny", "yuan", "¥"})) {
      return "CNY";
    }
    return "USD";
  }

  void detect_field_of_use_ban(SentenceContext& ctx) {
    std::string_view s = ctx.text();
    // A heading that opens a list of banned uses.
    if (s.size() < 60 && contains(s, "use") && search(*patterns().field_heading, s)) {
      add(ClauseKind::field_of_use_ban, 0);
      return;
    }
    if (!contains_any(s, {"militar",        "warfare",       "weapon",       "surveil",     "medical",
                          "clinical",       "nuclear",       "biometric",    "enforcement", "espionage",
                          "infrastructure", "credit scor",   "employment",   "advice",      "political",
                          "immigration",    "policing",      "facial",       "decision",    "restricted use",
                          "prohibited use", "high-risk use", "high risk use"})) {
      return;
    }
    // Banned uses named in the sentence, in order, once each.
    std::string detail;
    std::optional<std::size_t> first;
    each_match(*patterns().field_topic, s, [&](Span m, const re2::StringPiece*) {
      if (!ctx.prohibited(m.begin, m.end)) {
        return true;
      }
      std::string topic(s.substr(m.begin, m.end - m.begin));
      if (!contains(detail, topic)) {
        detail += detail.empty() ? topic : ", " + topic;
      }
      first = first.value_or(m.begin);
      return true;
    });
    if (first) {
      add(ClauseKind::field_of_use_ban, *first).detail = detail;
    }
  }

  void detect_improve_ban(SentenceContext& ctx) {
    std::string_view s = ctx.text();
    if (!contains_any(s, {"model", "llm", " ai", "system", "algorithm", "product", "service"}) ||
        !contains_any(s, {"other", "compet", "rival", "third", "different", "non-", "any"})) {
      return;
    }
    each_match(
        *patterns().improve_topic, s,
        [&](Span m, const re2::StringPiece*) {
          if (!ctx.prohibited(m.begin, m.end)) {
            return true;
          }
          add(ClauseKind::improve_other_models_ban, m.begin);
          return false;
        },
        k_near);
  }

  void detect_attribution_and_naming(SentenceContext& ctx) {
    std::string_view s = ctx.text();
    bool quoted = contains_any(s, {"\"", "“", "‘", "'"});
    if (quoted && contains_any(s, {"name", "prefix"})) {
      detect_naming(ctx);
    }
    if (quoted) {
      detect_display(ctx);
    }
    if (contains(s, "the following")) {
      detect_following_notice(ctx);
    }
    if (contains_any(s, {"credit", "attribution"}) && !has(ClauseKind::attribution_duty)) {
      each_match(*patterns().credit, s, [&](Span m, const re2::StringPiece*) {
        if (ctx.negated(m.begin, m.end)) {
          return true;
        }
        add(ClauseKind::attribution_duty, m.begin);
        return false;
      });
    }
  }

  void detect_naming(SentenceContext& ctx) {
    std::string_view s = ctx.text();
    each_match(
        *patterns().naming, s,
        [&](Span m, const re2::StringPiece* g) {
          if (ctx.negated(m.begin, m.end) || !ctx.obliges_before(m.end)) {
            return true;
          }
          for (int i = 1; i <= 3; ++i) {
            if (g[i].data() != nullptr && !g[i].empty()) {
              auto b = static_cast<std::size_t>(g[i].data() - s.data());
              std::string name = original(b, b + g[i].size());
              if (!name.empty() && !has(ClauseKind::naming_duty, name)) {
                add(ClauseKind::naming_duty, m.begin).detail = name;
              }
              break;
            }
          }
          return true;
        },
        k_near);
  }

  void detect_display(SentenceContext& ctx) {
    std::string_view s = ctx.text();
    each_match(*patterns().display_quote, s, [&](Span m, const re2::StringPiece* g) {
      std::size_t before = m.begin >= 14 ? m.begin - 14 : 0;
      bool prominent =
          !g[1].empty() || search(*patterns().prominent, s.substr(before, m.begin - before + 16));
      if (ctx.negated(m.begin, m.end) || !(prominent || ctx.obliges_before(m.begin))) {
        return true;
      }
      // The quote opens at the match's end; read it from the input.
      std::size_t open = m.end - 1;
      while (open > m.begin && (static_cast<unsigned char>(s[open]) & 0xC0) == 0x80) {
        --open;
      }
      std::optional<Quoted> q = read_quote(m_nt.source_offset(m_sentence->begin + open), source_span().end);
      if (!q || q->text.empty()) {
        return true;
      }
      // "include "Llama" at the beginning of any such AI model name" is a naming duty.
      std::string_view after = m_text.substr(q->end, std::min<std::size_t>(80, m_text.size() - q->end));
      if (search(*patterns().naming_context, util::ascii_lower(after))) {
        return true;
      }
      if (!has(ClauseKind::attribution_duty, q->text)) {
        add(ClauseKind::attribution_duty, m.begin).detail = q->text;
      }
      return true;
    });
  }

  void detect_following_notice(SentenceContext& ctx) {
    std::string_view s = ctx.text();
    each_match(*patterns().following_notice, s, [&](Span m, const re2::StringPiece*) {
      if (ctx.negated(m.begin, m.end) || !search(*patterns().obligation, s)) {
        return true;
      }
      // The notice is the quote after a colon ("... copies: "Llama 2 is licensed ...""),
      // which may open the next paragraph; else the first long quote after the words.
      Span src = source_span();
      std::size_t from = m_nt.source_offset(m_sentence->begin + m.end - 1) + 1;
      std::size_t limit = s.ends_with(":") ? std::min(m_text.size(), src.end + k_colon_reach) : src.end;
      std::optional<Quoted> q = quote_after_colon(from, limit);
      if (!q) {
        q = first_long_quote(from, src.end);
      }
      std::string detail = q ? q->text : std::string();
      if (!has(ClauseKind::attribution_duty, detail)) {
        add(ClauseKind::attribution_duty, m.begin).detail = detail;
      }
      return false;
    });
  }

  struct Quoted {
    std::string text;     // the words inside, white space folded
    std::size_t end = 0;  // source offset after the closing quote
  };

  // The quote opening at source offset `open`, closed before `limit` and
  // within k_protect_reach bytes; nullopt when `open` is no quote.
  [[nodiscard]] std::optional<Quoted> read_quote(std::size_t open, std::size_t limit) const {
    std::string_view t = m_text;
    std::vector<std::string_view> closers;
    std::size_t len = 0;
    if (t.compare(open, 3, "“") == 0) {
      closers = {"”", "\""};
      len = 3;
    } else if (t.compare(open, 3, "‘") == 0) {
      closers = {"’"};
      len = 3;
    } else if (open < t.size() && t[open] == '"') {
      closers = {"\"", "”"};
      len = 1;
    } else if (open < t.size() && t[open] == '\'') {
      closers = {"'", "’"};
      len = 1;
    } else {
      return std::nullopt;
    }
    std::size_t inner = open + len;
    std::size_t stop = std::min({limit, t.size(), inner + k_protect_reach});
    for (std::size_t k = inner; k < stop; ++k) {
      for (std::string_view c : closers) {
        if (t.compare(k, c.size(), c) == 0) {
          // A straight apostrophe inside a word ("Licensee's") closes nothing.
          if (c == "'" && k + 1 < t.size() && (is_lower(t[k + 1]) || is_upper(t[k + 1]))) {
            continue;
          }
          return Quoted{fold_space(t.substr(inner, k - inner)), k + c.size()};
        }
      }
    }
    return std::nullopt;
  }

  [[nodiscard]] std::optional<Quoted> quote_after_colon(std::size_t from, std::size_t limit) const {
    std::size_t colon = m_text.find(':', from);
    if (colon == std::string_view::npos || colon >= limit) {
      return std::nullopt;
    }
    std::size_t k = colon + 1;
    while (k < limit && (util::is_ascii_space(m_text[k]) || m_text[k] == '>' || m_text[k] == '*')) {
      ++k;
    }
    return read_quote(k, limit + k_protect_reach);
  }

  [[nodiscard]] std::optional<Quoted> first_long_quote(std::size_t from, std::size_t limit) const {
    constexpr std::size_t k_min_chars = 12;  // shorter quotes name a file ("Notice") or a term
    constexpr std::size_t k_reach = 2000;    // keeps the search linear in long sentences
    limit = std::min(limit, from + k_reach);
    for (std::size_t k = from; k < limit; ++k) {
      char c = m_text[k];
      if (c != '"' && c != '\'' && m_text.compare(k, 3, "“") != 0 && m_text.compare(k, 3, "‘") != 0) {
        continue;
      }
      std::optional<Quoted> q = read_quote(k, limit);
      if (!q) {
        continue;
      }
      if (q->text.size() >= k_min_chars) {
        return q;
      }
      k = q->end - 1;
    }
    return std::nullopt;
  }

  void detect_policy(SentenceContext& ctx) {
    std::string_view s = ctx.text();
    bool policy = contains_any(s, {"polic", "aup", "guideline", "code of conduct"});
    if (policy && search(*patterns().policy_word, s)) {
      each_match(
          *patterns().policy_reference, s,
          [&](Span m, const re2::StringPiece*) {
            if (ctx.negated(m.begin, m.end)) {
              return true;
            }
            add(ClauseKind::policy_by_reference, m.begin).detail = url_after(0);
            return false;
          },
          k_far);
    }
    if (!contains_any(s, {"updat", "amend", "modif", "revis", "chang", "supplement", "most recent", "latest",
                          "current"}) ||
        !search(*patterns().updatable_subject, s)) {
      return;
    }
    each_match(
        *patterns().updatable, s,
        [&](Span m, const re2::StringPiece*) {
          if (ctx.negated(m.begin, m.end)) {
            return true;
          }
          add(ClauseKind::policy_updatable, m.begin).detail = url_after(m.begin);
          return false;
        },
        k_far);
  }

  void detect_flow_down(SentenceContext& ctx) {
    std::string_view s = ctx.text();
    if (!contains_any(s, {"restriction", "same", "comply", "abide", "adhere", "bound by", "these terms"})) {
      return;
    }
    std::optional<std::size_t> first;
    each_match(
        *patterns().flow_down_duty, s,
        [&](Span m, const re2::StringPiece*) {
          if (ctx.negated(m.begin, m.end) || !ctx.obliges_before(m.begin)) {
            return true;  // "These laws include restrictions on ... end users" is no duty
          }
          first = m.begin;
          return false;
        },
        k_far);
    each_match(
        *patterns().flow_down_state, s,
        [&](Span m, const re2::StringPiece*) {
          if (ctx.negated(m.begin, m.end)) {
            return true;
          }
          first = std::min(first.value_or(m.begin), m.begin);
          return false;
        },
        k_far);
    if (first) {
      add(ClauseKind::flow_down, *first);
    }
  }

  void detect_termination(SentenceContext& ctx) {
    std::string_view s = ctx.text();
    if (!contains_any(s, {"terminat", "revo", "suspend", "cancel", "rescind", "withdraw"})) {
      return;
    }
    each_match(
        *patterns().termination, s,
        [&](Span m, const re2::StringPiece*) {
          // "may terminate ... at any time if you are in breach" is termination for
          // cause; "You may terminate this Agreement at any time" is the licensee's right.
          std::size_t window = std::min(s.size(), m.end + 80) - m.begin;
          std::size_t from = m.begin > 24 ? m.begin - 24 : 0;
          if (ctx.negated(m.begin, m.end) || search(*patterns().for_cause, s.substr(m.begin, window)) ||
              search(*patterns().licensee_subject, s.substr(from, m.begin - from))) {
            return true;
          }
          add(ClauseKind::termination_at_will, m.begin);
          return false;
        },
        k_far);
  }

  void detect_registration(SentenceContext& ctx) {
    std::string_view s = ctx.text();
    if (!contains_any(s, {"regist", "access", "contact", "sign up", "account", "accept", "agree to", "log in",
                          "submit", "approval"})) {
      return;
    }
    each_match(
        *patterns().registration, s,
        [&](Span m, const re2::StringPiece*) {
          if (ctx.negated(m.begin, m.end)) {
            return true;
          }
          add(ClauseKind::registration_duty, m.begin).detail = url_after(m.begin);
          return false;
        },
        k_near);
  }

  std::string_view m_text;
  NoticeText m_nt;
  const std::string& m_flat;
  util::LineIndex m_lines;
  const Sentence* m_sentence = nullptr;
  std::vector<Found> m_found;
  std::vector<DetectedClause> m_out;
};

}  // namespace

std::string_view to_string(ClauseKind kind) {
  switch (kind) {
  case ClauseKind::non_commercial:
    return "non-commercial";
  case ClauseKind::user_threshold:
    return "user-threshold";
  case ClauseKind::revenue_threshold:
    return "revenue-threshold";
  case ClauseKind::field_of_use_ban:
    return "field-of-use-ban";
  case ClauseKind::improve_other_models_ban:
    return "improve-other-models-ban";
  case ClauseKind::attribution_duty:
    return "attribution-duty";
  case ClauseKind::naming_duty:
    return "naming-duty";
  case ClauseKind::policy_by_reference:
    return "policy-by-reference";
  case ClauseKind::policy_updatable:
    return "policy-updatable";
  case ClauseKind::flow_down:
    return "flow-down";
  case ClauseKind::termination_at_will:
    return "termination-at-will";
  case ClauseKind::registration_duty:
    return "registration-duty";
  }
  return "unknown";
}

std::vector<DetectedClause> detect_clauses(std::string_view text) {
  if (text.empty()) {
    return {};
  }
  return ClauseScanner(text).run();
}

}  // namespace aperture::terms
