// A small assessment for the bill-of-materials tests: a fine-tune of a model
// under a custom AI license, whose own base is under Apache-2.0, with data
// sets named by the release and by its parent. Built by hand, so the tests do
// not depend on the catalog.
#pragma once

#include <aperture/frameworks/assessment.hpp>

namespace aperture::testing {

inline frameworks::Assessment bom_fixture() {
  using release::ComponentKind;
  frameworks::Assessment a;
  release::Release& r = a.release;
  r.target = "example-chat";
  r.input_kind = "manifest";
  r.name = "Example Chat 8B";
  r.publisher = "Example Labs";
  r.url = "https://huggingface.co/example/chat-8b";
  r.released = "2024-07-23";
  r.outputs = {"text", "code"};
  r.parameter_count = 8000000000ULL;
  r.training_tokens = 1.5e13;
  r.architecture = "llama (LlamaForCausalLM)";
  release::Component& weights = r.component(ComponentKind::model_parameters_final);
  weights.presence = release::Presence::present;
  weights.license_id = "LicenseRef-Llama-3.1";
  weights.evidence.push_back(
      {"example.yaml", 3, "https://huggingface.co/example/chat-8b", "published", "2025-01-02"});
  release::Component& card = r.component(ComponentKind::model_card);
  card.presence = release::Presence::present;
  card.evidence.push_back(
      {"example.yaml", 9, "https://huggingface.co/example/chat-8b/blob/main/README.md", "", ""});
  release::FoundLicense declared;
  declared.match.id = "LicenseRef-Llama-3.1";
  declared.file = "example.yaml";
  declared.role = "manifest";
  r.licenses.push_back(declared);

  lineage::Ancestor parent;
  parent.name = "meta-llama/Llama-3.1-8B";
  parent.relation = "finetune";
  parent.depth = 1;
  parent.child = r.name;
  parent.license = "LicenseRef-Llama-3.1";
  lineage::Ancestor root;
  root.name = "example/root-model";
  root.relation = "finetune";
  root.relation_inferred = true;
  root.depth = 2;
  root.child = parent.name;
  root.license = "Apache-2.0";
  a.lineage.ancestors = {parent, root};
  lineage::Dataset alpaca;
  alpaca.name = "tatsu-lab/alpaca";
  alpaca.license = "CC-BY-NC-4.0";
  alpaca.named_by = r.name;
  lineage::Dataset corpus;
  corpus.name = "Root corpus";
  corpus.named_by = parent.name;
  a.lineage.datasets = {alpaca, corpus};
  a.osd.outcome = assess::Outcome::fail;
  a.mof.label = "Unclassified";
  return a;
}

}  // namespace aperture::testing
