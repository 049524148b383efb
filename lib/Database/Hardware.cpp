//===- Hardware.cpp - What a measurement ran on ---------------------------===//

#include "cwm/Database/Hardware.h"

using namespace llvm;

namespace cwm {

bool HardwareInfo::operator==(const HardwareInfo &other) const {
  return toJSON(*this) == toJSON(other);
}

json::Value toJSON(const HardwareInfo &h) {
  json::Object object{{"target", h.target}, {"model", h.model}};
  auto put = [&](StringRef name, double value) {
    if (value != 0)
      object[name] = value;
  };
  auto putInt = [&](StringRef name, int64_t value) {
    if (value != 0)
      object[name] = value;
  };
  putInt("cores", h.cores);
  putInt("threads", h.threads);
  putInt("vector_bits", h.vectorBits);
  putInt("l1d_bytes", h.l1dBytes);
  putInt("l2_bytes", h.l2Bytes);
  putInt("l3_bytes", h.l3Bytes);
  put("ghz", h.ghz);
  putInt("sms", h.sms);
  putInt("max_threads_per_block", h.maxThreadsPerBlock);
  putInt("shared_bytes_per_block", h.sharedBytesPerBlock);
  putInt("registers_per_block", h.registersPerBlock);
  put("peak_gflops", h.peakGflops);
  put("bandwidth_gbs", h.bandwidthGBs);
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
  auto getInt = [&](StringRef name, int64_t &field) {
    if (auto v = object->getInteger(name))
      field = *v;
  };
  auto get = [&](StringRef name, double &field) {
    if (auto v = object->getNumber(name))
      field = *v;
  };
  getInt("cores", h.cores);
  getInt("threads", h.threads);
  getInt("vector_bits", h.vectorBits);
  getInt("l1d_bytes", h.l1dBytes);
  getInt("l2_bytes", h.l2Bytes);
  getInt("l3_bytes", h.l3Bytes);
  get("ghz", h.ghz);
  getInt("sms", h.sms);
  getInt("max_threads_per_block", h.maxThreadsPerBlock);
  getInt("shared_bytes_per_block", h.sharedBytesPerBlock);
  getInt("registers_per_block", h.registersPerBlock);
  get("peak_gflops", h.peakGflops);
  get("bandwidth_gbs", h.bandwidthGBs);
  return h;
}

} // namespace cwm
