//===- Hardware.cpp - What a measurement ran on ---------------------------===//

#include "cwm/Database/Hardware.h"

#include <cmath>

using namespace llvm;

namespace cwm {

namespace {
/// The numeric fields and their JSON names, for both directions.
struct IntField {
  const char *name;
  int64_t HardwareInfo::*member;
};
struct RealField {
  const char *name;
  double HardwareInfo::*member;
};
const IntField kIntFields[] = {
    {"cores", &HardwareInfo::cores},
    {"threads", &HardwareInfo::threads},
    {"vector_bits", &HardwareInfo::vectorBits},
    {"l1d_bytes", &HardwareInfo::l1dBytes},
    {"l2_bytes", &HardwareInfo::l2Bytes},
    {"l3_bytes", &HardwareInfo::l3Bytes},
    {"sms", &HardwareInfo::sms},
    {"max_threads_per_block", &HardwareInfo::maxThreadsPerBlock},
    {"shared_bytes_per_block", &HardwareInfo::sharedBytesPerBlock},
    {"registers_per_block", &HardwareInfo::registersPerBlock},
};
const RealField kRealFields[] = {
    {"ghz", &HardwareInfo::ghz},
    {"peak_gflops", &HardwareInfo::peakGflops},
    {"bandwidth_gbs", &HardwareInfo::bandwidthGBs},
};
} // namespace

bool HardwareInfo::operator==(const HardwareInfo &other) const {
  return toJSON(*this) == toJSON(other);
}

json::Value toJSON(const HardwareInfo &h) {
  json::Object object{{"target", h.target}, {"model", h.model}};
  // Unknown (0) fields are left out.
  for (const IntField &field : kIntFields)
    if (h.*field.member != 0)
      object[field.name] = h.*field.member;
  for (const RealField &field : kRealFields)
    if (h.*field.member != 0)
      object[field.name] = h.*field.member;
  return object;
}

Expected<HardwareInfo> hardwareInfoFromJSON(const json::Value &value) {
  const json::Object *object = value.getAsObject();
  if (!object)
    return createStringError(inconvertibleErrorCode(),
                             "hardware_info is not an object");
  HardwareInfo h;
  if (auto target = object->getString("target"))
    h.target = target->str();
  if (h.target != "cpu" && h.target != "cuda")
    return createStringError(inconvertibleErrorCode(),
                             "hardware_info has unknown target '" + h.target +
                                 "'");
  if (auto model = object->getString("model"))
    h.model = model->str();
  for (const IntField &field : kIntFields)
    if (auto v = object->getInteger(field.name))
      h.*field.member = *v;
  for (const RealField &field : kRealFields)
    if (auto v = object->getNumber(field.name)) {
      // 1e999 parses as infinity, which JSON cannot hold when written back.
      if (!std::isfinite(*v))
        return createStringError(inconvertibleErrorCode(),
                                 "hardware_info field '" +
                                     StringRef(field.name) + "' is not finite");
      h.*field.member = *v;
    }
  return h;
}

} // namespace cwm
