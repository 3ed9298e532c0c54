// The views of an EU AI Act reading (regulation/eu_ai_act.hpp): the text and
// JSON of `aperture eu-ai-act`, and the section every scan view shows (the
// scan JSON's `eu_ai_act` member, docs/scan-json.md; Markdown; HTML).
#pragma once

#include <string>

#include <aperture/frameworks/assessment.hpp>
#include <aperture/regulation/eu_ai_act.hpp>
#include <aperture/report/json_writer.hpp>

namespace aperture::report {

// 2: duties, documents and dates without the texts that are the same for every
// release (`name`, `reason` → `reason_id`, `text`; docs/eu-ai-act.md).
inline constexpr int k_eu_ai_act_schema_version = 2;

// Writes the reading as one JSON object value (the scan JSON's `eu_ai_act`).
void eu_ai_act_json(JsonWriter& w, const regulation::EuAiActAssessment& e);

// `aperture eu-ai-act --json`: the release's identity, the regulation's URL and
// the reading, without a final newline.
std::string eu_ai_act_document_json(const frameworks::Assessment& a, const regulation::EuAiActAssessment& e);

// One line: "GPAI model: yes · systemic risk: yes · open-source exemption: no".
std::string eu_ai_act_summary(const regulation::EuAiActAssessment& e);

// The full text report of `aperture eu-ai-act` (plain text, ends with the disclaimer).
std::string eu_ai_act_text(const frameworks::Assessment& a, const regulation::EuAiActAssessment& e);

// The short section of the terminal scan view: the statements, one line each.
std::string eu_ai_act_scan_text(const regulation::EuAiActAssessment& e);

// The Markdown and HTML sections of the scan reports ("## EU AI Act").
std::string eu_ai_act_markdown(const regulation::EuAiActAssessment& e);
std::string eu_ai_act_html(const regulation::EuAiActAssessment& e);

}  // namespace aperture::report
