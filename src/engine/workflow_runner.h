// The run state of one workflow instance: which tasks are waiting, running, done or skipped, and what
// happens next (spec ds-tasks.md §3.3–3.6, §6).
//
// Contract:
//  - Lives on the engine loop; owned by the Engine; every method is one event and leaves the instance
//    consistent: writes go through the RunStore first, actions (dispatch, kill) are deferred by the host
//    until the writes are committed.
//  - Built from the instance, its definition version and its task instances in the store. Valid task
//    instances (flag YES) are honoured: finished ones keep their outcome (branch choices of CONDITIONS and
//    SWITCH are read back from their taskParams), unfinished ones are followed (crash recovery: worker
//    tasks are adopted, logic tasks re-run, SUBMITTED ones are submitted again). The tasks of the run are
//    the instance's StartNodeList + taskDependType (commandParam); tasks with flag NO pass through.
//  - A task becomes ready when every predecessor in the run is resolved. Then:
//      a predecessor KILLed (or not run because of a kill)   -> not run (counts as killed);
//      a predecessor failed (or not run because of a failure)-> not run, dependency failed (a CONDITIONS
//                                                               task runs anyway and judges it);
//      every predecessor skipped                             -> SKIPPED (a task instance records it);
//      otherwise                                             -> submitted, HIGHEST priority first.
//    A CONDITIONS or SWITCH predecessor counts as skipped for a successor outside its chosen branch.
//  - Finished states: SUCCESS when every task of the run succeeded or was skipped; FAILURE when a task
//    failed for good (and its failure was not handled by CONDITIONS successors only), a dependency failed,
//    or a task was killed; STOP after stop() unless nothing was lost; PAUSE after pause() while work remains
//    (or when a task ended PAUSE, e.g. a paused sub-workflow). A failure with strategy END kills the
//    running tasks and submits nothing more. PAUSE attempts are resumed as fresh attempts (same retry
//    count) when the instance starts again; a failed attempt with retries left is retried after its
//    interval (a new task instance; the old one gets flag NO), also across a restart.
//  - Worker tasks are dispatched with their resolved parameters (params/param_resolver.h) and the var pool
//    merged from their predecessors (earlier finisher wins); retries and resumed attempts keep that var
//    pool. Dry-run instances complete worker tasks without dispatching them; logic tasks still run.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/dag.h"
#include "engine/runner_host.h"
#include "model/instance.h"
#include "tasks/dependent_task.h"

namespace porpoise::engine {

class WorkflowRunner {
 public:
  // Throws EngineError when the definition does not form a valid DAG or the start nodes are unknown.
  // crashRecovery: failed task instances with retries left are retried (their retry was pending).
  WorkflowRunner(RunnerHost& host, model::WorkflowInstance instance, const model::DagData& definition,
                 bool crashRecovery);
  ~WorkflowRunner();
  WorkflowRunner(const WorkflowRunner&) = delete;
  WorkflowRunner& operator=(const WorkflowRunner&) = delete;

  int64_t id() const { return instance_.id; }
  const model::WorkflowInstance& instance() const { return instance_; }
  const model::WorkflowDefinition& definition() const { return definition_; }
  bool finished() const;
  bool started() const { return started_; }

  // A revived child instance now belongs to a new attempt of its parent's SUB_PROCESS task.
  void relinkParent(int64_t parentInstanceId, int64_t parentTaskInstanceId);

  // Starts or continues the run: the instance becomes RUNNING_EXECUTION (unless it is stopping or
  // pausing), tasks in flight are followed, ready tasks are submitted.
  void start();
  // Queues the instance behind another of the same workflow (execution type SERIAL_*): state SERIAL_WAIT.
  void waitInSerialQueue();

  // Worker events for a task instance of this run (stale ids are ignored).
  void taskStarted(int64_t taskInstanceId, int pid, const std::string& host);
  void taskFinished(const TaskResult& result);
  void taskTimeoutWarning(int64_t taskInstanceId);

  // Sub-workflow events.
  void childFinished(const model::WorkflowInstance& child);
  void childFailedToStart(int64_t parentTaskInstanceId, const std::string& message);

  // Re-judges waiting DEPENDENT tasks now.
  void recheckDependents();

  // Commands; the engine checked that the instance state allows them.
  void stop();
  void pause();
  // Force success of a FAILURE / KILL / NEED_FAULT_TOLERANCE task instance of this run: it counts as
  // succeeded, a pending retry is dropped and its successors are judged again. Throws EngineError.
  void forceSuccess(int64_t taskInstanceId);

  // Timer plumbing: the engine calls this when a timer scheduled by this runner fires.
  void timerFired(size_t node, uint64_t generation, int kind);

 private:
  enum class Phase { Excluded, Waiting, Ready, Active, RetryWait, Paused, Resolved };
  enum class Outcome { None, Ran, Skipped, Failed, Killed };
  enum TimerKind { kDelayTimer, kRetryTimer, kTimeoutTimer, kDependentTimer };
  static constexpr size_t kWorkflowNode = static_cast<size_t>(-1);  // timerFired: the workflow timeout
  // A DEPENDENT task that is waiting (runner_dependent.cpp).
  struct DependentProgress {
    tasks::DependentParams params;
    util::TimePoint businessDate{};
    std::chrono::milliseconds interval{10000};
    std::optional<util::TimePoint> failureDeadline;                      // set with DEPENDENT_FAILURE_WAITING
    std::vector<std::vector<std::optional<tasks::DependResult>>> final;  // judged items
    std::vector<std::vector<std::string>> lastDetail;                    // last logged detail per item
  };

  struct Node {
    Phase phase = Phase::Waiting;
    Outcome outcome = Outcome::None;
    bool forbidden = false;
    bool logic = false;
    bool dependencyFailed = false;  // resolved without running because of upstream trouble
    bool failureHandled = false;    // failed, but only CONDITIONS tasks follow it
    bool killRequested = false;
    bool timedOut = false;
    bool hasChoice = false;                 // a CONDITIONS/SWITCH that decided a branch
    std::vector<int64_t> chosen;            // successors it allows (when hasChoice)
    std::optional<model::TaskInstance> ti;  // the valid (current) attempt
    std::vector<int64_t> earlierAttempts;   // ids of history attempts (flag NO), oldest first
    std::vector<model::Property> input;     // var pool the current attempt started with
    std::vector<model::Property> output;    // var pool successors receive
    uint64_t resolveSeq = 0;
    uint64_t timer = 0;         // delay / retry / dependent-check timer
    uint64_t timeoutTimer = 0;  // logic-task timeout
    uint64_t generation = 0;    // bumps when timers are cancelled, so late firings are ignored
    std::unique_ptr<DependentProgress> dependent;
  };

  // --- building ---
  void build(const model::DagData& definition, bool crashRecovery);
  void restoreChoice(size_t i);
  bool retryable(size_t i, model::TaskState state) const;
  bool handledByConditions(size_t i) const;

  // --- the scheduling loop ---
  void settle();
  void enqueueDecision(size_t i);
  void decide(size_t i);
  Outcome edgeOutcome(size_t from, size_t to) const;
  bool predecessorsResolved(size_t i) const;
  void resolve(size_t i, Outcome outcome);
  void skip(size_t i);
  bool accepting() const;
  void submit(size_t i);
  void launch(size_t i);
  void dispatchNow(size_t i);
  void resumeInFlight(size_t i);
  void finishAttempt(size_t i, model::TaskState state, const std::string& message);
  void afterFailure(size_t i, model::TaskState state);
  void failForGood(size_t i);
  void startRetry(size_t i);
  void newAttempt(size_t i, bool countsAsRetry);
  void checkFinished();
  void finishWorkflow(model::WorkflowState state, const std::string& why);

  // --- control ---
  void killAll();
  void killNode(size_t i);
  void pauseNode(size_t i);
  void reopenDownstream(size_t i);

  // --- logic tasks ---
  void runLogic(size_t i);
  void runConditions(size_t i);
  void runSwitch(size_t i);
  void runSubWorkflow(size_t i);
  void applyChildState(size_t i, const model::WorkflowInstance& child);
  void startDependent(size_t i);
  void evaluateDependent(size_t i);
  void logicTimeout(size_t i);
  bool validateBranchTargets(size_t i, const std::vector<int64_t>& codes);

  // --- helpers ---
  std::map<std::string, std::string> resolveParams(size_t i);
  std::vector<model::Property> mergedInput(size_t i) const;
  void setWorkflowState(model::WorkflowState state, const std::string& description);
  void saveInstance();
  void saveTask(size_t i);
  void insertTask(size_t i);
  void log(size_t i, const std::string& line);
  uint64_t schedule(size_t i, std::chrono::milliseconds delay, TimerKind kind);
  void cancelTimers(size_t i);
  std::optional<size_t> nodeOfTask(int64_t taskInstanceId) const;
  void updateDependentWatch();
  RunnerServices& svc() { return host_.services(); }

  RunnerHost& host_;
  model::WorkflowInstance instance_;
  model::WorkflowDefinition definition_;
  Dag dag_;
  std::vector<Node> nodes_;
  std::vector<model::TaskInstance> history_;  // flag-NO task instances from the store (for lookups)
  std::set<size_t> toDecide_;
  std::set<std::pair<int, size_t>> ready_;  // (task priority, index)
  uint64_t resolveCounter_ = 0;
  std::unordered_map<int64_t, size_t> taskIndex_;  // task instance id -> node
  bool settling_ = false;
  bool ending_ = false;  // failure strategy END: no more submissions
  bool started_ = false;
  uint64_t workflowTimeoutTimer_ = 0;
  bool watchingDependents_ = false;
};

}  // namespace porpoise::engine
