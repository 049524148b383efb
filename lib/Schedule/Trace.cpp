//===- Trace.cpp - Schedules as ordered lists of actions ------------------===//

#include "cwm/Schedule/Trace.h"

#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/xxhash.h"

using namespace llvm;

namespace cwm {

StringRef stringifyActionKind(ActionKind kind) {
  switch (kind) {
  case ActionKind::Parallelize:
    return "parallelize";
  case ActionKind::Tile:
    return "tile";
  case ActionKind::Pad:
    return "pad";
  case ActionKind::Decompose:
    return "decompose";
  case ActionKind::Vectorize:
    return "vectorize";
  case ActionKind::DropUnitDims:
    return "drop_unit_dims";
  case ActionKind::Hoist:
    return "hoist";
  case ActionKind::MapBlocks:
    return "map_blocks";
  case ActionKind::MapThreads:
    return "map_threads";
  case ActionKind::Promote:
    return "promote";
  case ActionKind::Mma:
    return "mma";
  case ActionKind::DistributeRows:
    return "distribute_rows";
  case ActionKind::SplitK:
    return "split_k";
  case ActionKind::Wgmma:
    return "wgmma";
  case ActionKind::SimtGemm:
    return "simt_gemm";
  case ActionKind::Unroll:
    return "unroll";
  case ActionKind::PackWeights:
    return "pack_weights";
  case ActionKind::TileReduction:
    return "tile_reduction";
  case ActionKind::Winograd:
    return "winograd";
  case ActionKind::PackB:
    return "pack_b";
  }
  llvm_unreachable("unknown action kind");
}

std::optional<ActionKind> parseActionKind(StringRef name) {
  return StringSwitch<std::optional<ActionKind>>(name)
      .Case("parallelize", ActionKind::Parallelize)
      .Case("tile", ActionKind::Tile)
      .Case("pad", ActionKind::Pad)
      .Case("decompose", ActionKind::Decompose)
      .Case("vectorize", ActionKind::Vectorize)
      .Case("drop_unit_dims", ActionKind::DropUnitDims)
      .Case("hoist", ActionKind::Hoist)
      .Case("unroll", ActionKind::Unroll)
      .Case("map_blocks", ActionKind::MapBlocks)
      .Case("map_threads", ActionKind::MapThreads)
      .Case("promote", ActionKind::Promote)
      .Case("mma", ActionKind::Mma)
      .Case("distribute_rows", ActionKind::DistributeRows)
      .Case("split_k", ActionKind::SplitK)
      .Case("wgmma", ActionKind::Wgmma)
      .Case("simt_gemm", ActionKind::SimtGemm)
      .Case("pack_weights", ActionKind::PackWeights)
      .Case("tile_reduction", ActionKind::TileReduction)
      .Case("winograd", ActionKind::Winograd)
      .Case("pack_b", ActionKind::PackB)
      .Default(std::nullopt);
}

int64_t Action::getInt(StringRef name, int64_t defaultValue) const {
  auto it = decisions.find(name.str());
  if (it == decisions.end() || it->second.getKind() != Decision::Kind::Int)
    return defaultValue;
  return it->second.getInt();
}

std::vector<int64_t> Action::getList(StringRef name) const {
  auto it = decisions.find(name.str());
  if (it == decisions.end() || it->second.getKind() != Decision::Kind::IntList)
    return {};
  return std::vector<int64_t>(it->second.getList().begin(),
                              it->second.getList().end());
}

std::string Action::getString(StringRef name, StringRef defaultValue) const {
  auto it = decisions.find(name.str());
  if (it == decisions.end() || it->second.getKind() != Decision::Kind::String)
    return defaultValue.str();
  return it->second.getString().str();
}

json::Value Decision::toJSON() const {
  const Decision &decision = *this;
  switch (decision.getKind()) {
  case Decision::Kind::Int:
    return decision.getInt();
  case Decision::Kind::IntList: {
    json::Array array;
    for (int64_t v : decision.getList())
      array.push_back(v);
    return array;
  }
  case Decision::Kind::String:
    return decision.getString();
  }
  llvm_unreachable("unknown decision kind");
}

json::Value Trace::toJSON() const {
  json::Array array;
  for (const Action &action : actions) {
    json::Object decisions;
    for (const auto &[name, decision] : action.decisions)
      decisions[name] = decision.toJSON();
    array.push_back(json::Object{{"kind", stringifyActionKind(action.kind)},
                                 {"target", action.target},
                                 {"decisions", std::move(decisions)}});
  }
  json::Object object{{"version", kTraceVersion}, {"actions", std::move(array)}};
  if (!choices.empty()) {
    json::Array choiceArray;
    for (int64_t c : choices)
      choiceArray.push_back(c);
    object["choices"] = std::move(choiceArray);
  }
  return object;
}

static Error traceError(const Twine &message) {
  return createStringError(inconvertibleErrorCode(), "invalid trace: " + message);
}

namespace {
/// A decision an action kind reads, and the JSON form its value takes.
struct DecisionSpec {
  StringRef name;
  Decision::Kind kind;
};
} // namespace

/// The decisions each action kind understands (docs/schedules.md). A name
/// outside this list is a typo or a schedule from another cwm: refusing it
/// beats silently applying the action with defaults.
static ArrayRef<DecisionSpec> knownDecisions(ActionKind kind) {
  using K = Decision::Kind;
  static const DecisionSpec sizes[] = {{"sizes", K::IntList}};
  static const DecisionSpec tile[] = {{"sizes", K::IntList},
                                      {"interchange", K::IntList}};
  static const DecisionSpec vectorize[] = {{"contraction", K::String}};
  static const DecisionSpec factor[] = {{"factor", K::Int}};
  static const DecisionSpec promote[] = {{"k", K::Int}};
  static const DecisionSpec mma[] = {{"warp", K::IntList}, {"tf32", K::Int}};
  static const DecisionSpec rows[] = {{"threads", K::Int}};
  static const DecisionSpec wgmma[] = {
      {"stages", K::Int},   {"n", K::Int},      {"warpgroups", K::Int},
      {"producer", K::Int}, {"raster", K::Int}};
  static const DecisionSpec lanes[] = {{"lanes", K::Int}};
  static const DecisionSpec winograd[] = {{"tile", K::Int}};
  static const DecisionSpec simtGemm[] = {
      {"bm", K::Int}, {"bn", K::Int}, {"bk", K::Int}, {"split", K::Int}};
  switch (kind) {
  case ActionKind::Parallelize:
  case ActionKind::MapBlocks:
  case ActionKind::MapThreads:
    return sizes;
  case ActionKind::Tile:
    return tile;
  case ActionKind::Vectorize:
    return vectorize;
  case ActionKind::Unroll:
  case ActionKind::SplitK:
    return factor;
  case ActionKind::Promote:
    return promote;
  case ActionKind::Mma:
    return mma;
  case ActionKind::DistributeRows:
    return rows;
  case ActionKind::Wgmma:
    return wgmma;
  case ActionKind::SimtGemm:
    return simtGemm;
  case ActionKind::TileReduction:
    return lanes;
  case ActionKind::Winograd:
    return winograd;
  case ActionKind::Pad:
  case ActionKind::Decompose:
  case ActionKind::DropUnitDims:
  case ActionKind::Hoist:
  case ActionKind::PackWeights:
  case ActionKind::PackB:
    return {};
  }
  llvm_unreachable("unknown action kind");
}

static StringRef describeDecisionKind(Decision::Kind kind) {
  switch (kind) {
  case Decision::Kind::Int:
    return "an integer";
  case Decision::Kind::IntList:
    return "a list of integers";
  case Decision::Kind::String:
    return "a string";
  }
  llvm_unreachable("unknown decision kind");
}

/// Checks `action`'s decision names and value kinds against its kind's list.
static Error checkDecisions(const Action &action, const Twine &where) {
  ArrayRef<DecisionSpec> known = knownDecisions(action.kind);
  for (const auto &[name, decision] : action.decisions) {
    const DecisionSpec *spec = llvm::find_if(
        known, [&](const DecisionSpec &s) { return s.name == name; });
    if (spec == known.end()) {
      std::string expected;
      for (const DecisionSpec &s : known)
        expected += (expected.empty() ? "'" : ", '") + s.name.str() + "'";
      return traceError(where + ": unknown decision '" + name + "' for '" +
                        stringifyActionKind(action.kind) + "' (" +
                        (expected.empty() ? "it takes none"
                                          : "it takes " + expected) +
                        ")");
    }
    if (decision.getKind() != spec->kind)
      return traceError(where + ": decision '" + name + "' must be " +
                        describeDecisionKind(spec->kind));
  }
  return Error::success();
}

/// Refuses keys of `object` outside `allowed` (a misspelt field would
/// otherwise be ignored).
static Error checkKeys(const json::Object &object,
                       ArrayRef<StringRef> allowed, const Twine &where) {
  for (const auto &entry : object)
    if (!llvm::is_contained(allowed, StringRef(entry.first)))
      return traceError(where + ": unknown field '" + entry.first.str() +
                        "'");
  return Error::success();
}

Expected<Trace> Trace::fromJSON(const json::Value &value) {
  const json::Object *object = value.getAsObject();
  if (!object)
    return traceError("expected a JSON object");
  if (Error error =
          checkKeys(*object, {"version", "actions", "choices"}, "the trace"))
    return error;
  std::optional<int64_t> version = object->getInteger("version");
  if (!version)
    return traceError("missing integer field 'version'");
  if (*version != kTraceVersion)
    return traceError("unsupported version " + Twine(*version) +
                      " (this build reads version " + Twine(kTraceVersion) +
                      ")");
  const json::Array *array = object->getArray("actions");
  if (!array)
    return traceError("missing array field 'actions'");
  Trace trace;
  for (auto [index, actionValue] : llvm::enumerate(*array)) {
    std::string where = "action " + std::to_string(index);
    const json::Object *actionObject = actionValue.getAsObject();
    if (!actionObject)
      return traceError(where + " is not an object");
    if (Error error = checkKeys(*actionObject, {"kind", "target", "decisions"},
                                where))
      return error;
    Action action;
    std::optional<StringRef> kindName = actionObject->getString("kind");
    if (!kindName)
      return traceError(where + ": missing string field 'kind'");
    std::optional<ActionKind> kind = parseActionKind(*kindName);
    if (!kind)
      return traceError(where + ": unknown kind '" + *kindName + "'");
    action.kind = *kind;
    std::optional<int64_t> target = actionObject->getInteger("target");
    if (!target || *target < 0)
      return traceError(where + ": missing non-negative integer 'target'");
    action.target = *target;
    if (const json::Value *decisionsValue = actionObject->get("decisions")) {
      const json::Object *decisions = decisionsValue->getAsObject();
      if (!decisions)
        return traceError(where + ": 'decisions' is not an object");
      for (const auto &[key, decisionValue] : *decisions) {
        std::string name = key.str();
        if (std::optional<int64_t> i = decisionValue.getAsInteger()) {
          action.decisions[name] = Decision(*i);
        } else if (std::optional<StringRef> s = decisionValue.getAsString()) {
          action.decisions[name] = Decision(s->str());
        } else if (const json::Array *list = decisionValue.getAsArray()) {
          std::vector<int64_t> values;
          for (const json::Value &element : *list) {
            std::optional<int64_t> v = element.getAsInteger();
            if (!v)
              return traceError(where + ": decision '" + name +
                                "' must be a list of integers");
            values.push_back(*v);
          }
          action.decisions[name] = Decision(std::move(values));
        } else {
          return traceError(where + ": decision '" + name +
                            "' must be an integer, a string or a list");
        }
      }
    }
    if (Error error = checkDecisions(action, where))
      return error;
    trace.push_back(std::move(action));
  }
  if (const json::Value *choiceValue = object->get("choices")) {
    const json::Array *choiceArray = choiceValue->getAsArray();
    if (!choiceArray)
      return traceError("'choices' must be a list of integers");
    std::vector<int64_t> choices;
    for (const json::Value &c : *choiceArray) {
      std::optional<int64_t> choice = c.getAsInteger();
      if (!choice)
        return traceError("'choices' must be a list of integers");
      choices.push_back(*choice);
    }
    trace.setChoices(std::move(choices));
  }
  return trace;
}

Expected<Trace> Trace::parse(StringRef text) {
  Expected<json::Value> value = json::parse(text);
  if (!value)
    return traceError("not JSON: " + toString(value.takeError()));
  return fromJSON(*value);
}

std::string Trace::str() const {
  Trace actionsOnly(actions);
  std::string text;
  raw_string_ostream os(text);
  os << actionsOnly.toJSON();
  return text;
}

uint64_t Trace::fingerprint() const { return xxh3_64bits(str()); }

} // namespace cwm
