//===- TrainingData.cpp - Measured records as model training sets ---------===//

#include "cwm/CostModel/TrainingData.h"

#include "cwm/CostModel/Features.h"

#include <map>

namespace cwm {

static bool isScheduleOutcome(MeasureStatus status) {
  return status != MeasureStatus::InvalidTrace &&
         status != MeasureStatus::RunnerError;
}

void appendTrainingRecords(const Database &database, const WorkloadFilter &filter,
                           const HardwareInfo &fallbackHardware,
                           LabeledSet &out) {
  for (const WorkloadEntry *workload : database.getWorkloads()) {
    if (filter && !filter(*workload))
      continue;
    std::vector<float> task = taskFeatures(workload->task);
    // One group (and one context) per distinct hardware description.
    std::map<std::string, std::pair<int64_t, int64_t>> groupOf;
    for (const TuningRecord *record : database.getRecords(workload->key)) {
      if (record->baseline || record->trace.empty() ||
          !isScheduleOutcome(record->result.status))
        continue;
      HardwareInfo hardware = record->hardwareInfo.value_or(fallbackHardware);
      if (!record->hardwareInfo && record->result.ok())
        hardware.threads = record->result.threads;
      std::string hwKey;
      llvm::raw_string_ostream(hwKey) << llvm::json::Value(toJSON(hardware));
      auto [it, inserted] = groupOf.try_emplace(hwKey, std::make_pair(0, 0));
      if (inserted) {
        it->second.first = static_cast<int64_t>(out.groups.size());
        it->second.second =
            out.set.batch.addContext(task, hardwareFeatures(hardware));
        out.groups.push_back(GroupInfo{workload->key, workload->task.name,
                                       record->hardware, 0, workload});
      }
      auto [group, context] = it->second;
      out.set.batch.addCandidate(
          context, traceFeatures(workload->task, record->trace, hardware));
      out.set.group.push_back(group);
      out.set.seconds.push_back(record->result.ok() ? record->result.median
                                                    : 0.0);
      out.records.push_back(record);
      ++out.groups[group].candidates;
    }
  }
}

WorldModelConfig defaultWorldModelConfig() {
  WorldModelConfig config;
  config.taskSize = taskFeatureSize();
  config.actionSize = actionFeatureSize();
  config.hardwareSize = hardwareFeatureSize();
  config.featureVersion = kFeatureVersion;
  return config;
}

} // namespace cwm
