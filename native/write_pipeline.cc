#include "write_pipeline.h"

#include <poll.h>

#include <algorithm>
#include <chrono>
#include <deque>

namespace mcnative {

namespace {

using Clock = std::chrono::steady_clock;

// Expectations that are not commands of the batch (whose indexes are far smaller).
constexpr uint32_t kBarrier = UINT32_MAX;
constexpr uint32_t kAuthentication = UINT32_MAX - 1;
// No reply to a write comes close to this; more without a line end is garbage.
constexpr size_t kMaxReplyLine = 8 * 1024;

int MillisecondsUntil(Clock::time_point deadline, Clock::time_point now) {
  if (deadline <= now) return 0;
  auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - now).count();
  return static_cast<int>(std::min<int64_t>(left, INT32_MAX));
}

}  // namespace

struct WritePipeline::Channel {
  struct Expectation {
    // A command's index; kBarrier: the `version` or NOOP that confirms silent
    // commands; kAuthentication: SASL on a new connection.
    uint32_t command;
    uint32_t silent_end;  // barrier: confirms silent[..silent_end)
    uint32_t strays_left; // barrier: error lines the silent commands may still send
  };

  Channel(uint32_t server, Connection* connection) : server(server), connection(connection) {}

  uint32_t server;
  Connection* connection;
  std::vector<uint32_t> commands;
  std::deque<Expectation> expected;
  // noreply commands in order; silent_confirmed of them are known to be processed.
  std::vector<uint32_t> silent;
  uint32_t silent_confirmed = 0;
  bool active = true;
  Clock::time_point deadline;

  // How many silent commands the last queued barrier (or one already answered) covers.
  uint32_t BarrierEnd() const {
    for (auto it = expected.rbegin(); it != expected.rend(); ++it) {
      if (it->command == kBarrier) return it->silent_end;
    }
    return silent_confirmed;
  }
  bool HasUncoveredSilent() const { return silent.size() > BarrierEnd(); }
};

void WritePipeline::Run(const std::vector<WriteCommand>& commands,
                        std::vector<WriteOutcome>* outcomes) {
  commands_ = &commands;
  outcomes_ = outcomes;
  outcomes->assign(commands.size(), WriteOutcome{});

  std::vector<Channel> channels;
  std::vector<int> channel_of_server(connections_.size(), -1);
  for (uint32_t i = 0; i < commands.size(); ++i) {
    uint32_t server = commands[i].server;
    if (channel_of_server[server] < 0) {
      channel_of_server[server] = static_cast<int>(channels.size());
      channels.emplace_back(server, connections_[server].get());
    }
    channels[channel_of_server[server]].commands.push_back(i);
  }

  for (Channel& channel : channels) Open(channel);

  std::vector<pollfd> fds;
  std::vector<Channel*> polled;
  for (;;) {
    fds.clear();
    polled.clear();
    Clock::time_point next_deadline = Clock::time_point::max();
    for (Channel& channel : channels) {
      if (!channel.active) continue;
      Connection& connection = *channel.connection;
      short events = POLLIN;
      if (connection.state() == Connection::State::kConnecting) {
        events = POLLOUT;
      } else if (connection.HasOutput()) {
        events |= POLLOUT;
      }
      fds.push_back(pollfd{connection.fd(), events, 0});
      polled.push_back(&channel);
      next_deadline = std::min(next_deadline, channel.deadline);
    }
    if (fds.empty()) break;

    int ready = poll(fds.data(), fds.size(), MillisecondsUntil(next_deadline, Clock::now()));
    if (ready < 0 && errno != EINTR) {
      for (Channel* channel : polled) Fail(*channel, Status::UNKNOWN, "poll failed");
      break;
    }
    for (size_t i = 0; ready > 0 && i < fds.size(); ++i) {
      if (fds[i].revents != 0) Service(*polled[i], fds[i].revents);
    }

    Clock::time_point now = Clock::now();
    for (Channel* channel : polled) {
      if (!channel->active || now < channel->deadline) continue;
      bool connecting = channel->connection->state() == Connection::State::kConnecting;
      int waited = connecting ? settings_.connect_ms : settings_.reply_ms;
      std::string message = std::string(connecting ? "could not connect" : "no reply") +
                            " within " + std::to_string(waited) + " ms";
      Fail(*channel, Status::TIMEOUT, message);
      // A server that cannot be reached is left alone for the retry timeout; a
      // slow one is tried again by the next batch, as libmemcached does.
      if (connecting) health_.MarkDown(channel->server, message);
    }
  }
}

void WritePipeline::Open(Channel& channel) {
  std::string reason;
  Status status;
  if (health_.IsDown(channel.server, &reason, &status)) {
    Abandon(channel, status, reason);
    return;
  }
  Connection& connection = *channel.connection;
  if (connection.state() == Connection::State::kOpen && connection.IsStale()) connection.Close();
  if (connection.state() != Connection::State::kOpen) {
    std::string error;
    if (!connection.StartConnect(&error)) {
      Fail(channel, Status::CONNECTION, error);
      return;
    }
    channel.deadline = Clock::now() + std::chrono::milliseconds(settings_.connect_ms);
    // Authenticated before anything else is sent; the commands behind it are
    // pipelined with it, and refused by the server if it fails.
    if (!settings_.sasl_plain.empty()) {
      binary::AppendPlainAuth(settings_.sasl_plain, kAuthentication, connection);
      channel.expected.push_back(Channel::Expectation{kAuthentication, 0, 0});
    }
  } else {
    channel.deadline = Clock::now() + std::chrono::milliseconds(settings_.reply_ms);
  }

  for (uint32_t command : channel.commands) Queue(channel, command);
  // End on a reply, so the connection is in step when the next batch takes it
  // and every noreply write has been processed before this batch reports back.
  if (channel.HasUncoveredSilent()) QueueBarrier(channel);

  // An open connection takes the pipeline at once; poll is needed only for
  // what the socket buffer could not hold.
  if (connection.state() == Connection::State::kOpen) {
    std::string error;
    if (!connection.Flush(&error)) Fail(channel, Status::CONNECTION, error);
  }
}

void WritePipeline::Queue(Channel& channel, uint32_t index) {
  const WriteCommand& command = (*commands_)[index];
  // A reply after noreply writes could be one of their error lines: put a
  // barrier between them so every line has exactly one owner.
  if (!command.no_reply && channel.HasUncoveredSilent()) QueueBarrier(channel);

  Connection& connection = *channel.connection;
  bool silent = command.no_reply;
  if (settings_.binary) {
    binary::AppendCommand(command, index, connection);
    silent = silent && binary::HasQuietForm(command.op);
  } else {
    ascii::AppendCommand(command, connection);
  }
  if (silent) {
    channel.silent.push_back(index);
  } else {
    channel.expected.push_back(Channel::Expectation{index, 0, 0});
  }
}

void WritePipeline::QueueBarrier(Channel& channel) {
  uint32_t previous_end = channel.BarrierEnd();
  auto silent_end = static_cast<uint32_t>(channel.silent.size());
  if (settings_.binary) {
    binary::AppendBarrier(kBarrier, *channel.connection);
  } else {
    ascii::AppendBarrier(*channel.connection);
  }
  channel.expected.push_back(Channel::Expectation{kBarrier, silent_end, silent_end - previous_end});
}

void WritePipeline::Service(Channel& channel, short events) {
  Connection& connection = *channel.connection;
  Clock::time_point now = Clock::now();
  if (connection.state() == Connection::State::kConnecting) {
    std::string error;
    if (!connection.FinishConnect(&error)) {
      Fail(channel, Status::CONNECTION, error);
      return;
    }
    if (connection.state() == Connection::State::kConnecting) {
      // Trying the host's next address, with a fresh connect timeout.
      channel.deadline = now + std::chrono::milliseconds(settings_.connect_ms);
      return;
    }
    channel.deadline = now + std::chrono::milliseconds(settings_.reply_ms);
    events = POLLOUT;
  }

  if (events & (POLLIN | POLLERR | POLLHUP)) {
    ReadReplies(channel);
    if (!channel.active) return;
  }
  if ((events & POLLOUT) && connection.HasOutput()) {
    std::string error;
    if (!connection.Flush(&error)) {
      Fail(channel, Status::CONNECTION, error);
      return;
    }
    channel.deadline = now + std::chrono::milliseconds(settings_.reply_ms);
  }
  if (channel.expected.empty() && !connection.HasOutput()) channel.active = false;
}

void WritePipeline::ReadReplies(Channel& channel) {
  Connection& connection = *channel.connection;
  std::string error;
  bool open = connection.Receive(&error);
  bool answered = false;
  if (settings_.binary) {
    binary::Frame frame;
    std::string malformed;
    for (;;) {
      binary::FrameRead read = binary::NextFrame(connection, &frame, &malformed);
      if (read == binary::FrameRead::kIncomplete) break;
      if (read == binary::FrameRead::kMalformed) {
        Fail(channel, Status::PROTOCOL, malformed);
        return;
      }
      if (!AnswerFrame(channel, frame)) return;
      answered = true;
    }
  } else {
    std::string_view line;
    while (connection.NextLine(&line)) {
      if (!AnswerLine(channel, line)) return;
      answered = true;
    }
  }
  if (answered) {
    channel.deadline = Clock::now() + std::chrono::milliseconds(settings_.reply_ms);
  }
  if (!open) {
    Fail(channel, Status::CONNECTION, error);
  } else if (!settings_.binary && connection.PendingInput() > kMaxReplyLine) {
    Fail(channel, Status::PROTOCOL,
         "a reply line longer than " + std::to_string(kMaxReplyLine) + " bytes");
  }
}

bool WritePipeline::AnswerLine(Channel& channel, std::string_view line) {
  if (channel.expected.empty()) {
    Fail(channel, Status::PROTOCOL, "a reply no command asked for: " + Quote(line));
    return false;
  }
  Channel::Expectation& expected = channel.expected.front();
  if (expected.command == kBarrier) {
    if (ascii::IsBarrierReply(line)) {
      ConfirmSilent(channel);
      return true;
    }
    // memcached still reports some errors of noreply commands (out of memory,
    // for one). Which command it was is unknown, and noreply asked not to be told.
    if (ascii::IsErrorLine(line) && expected.strays_left > 0) {
      --expected.strays_left;
      return true;
    }
    Fail(channel, Status::PROTOCOL, "a reply no command asked for: " + Quote(line));
    return false;
  }

  uint32_t index = expected.command;
  channel.expected.pop_front();
  Reply reply = ascii::ParseReply((*commands_)[index].op, line);
  if (!reply.in_step) {
    std::string reason = "no reply: the connection was closed after a reply that put it out of "
                         "step (" + Quote(line) + " to " + CommandName((*commands_)[index].op) +
                         ")";
    Settle(index, std::move(reply));
    Fail(channel, Status::PROTOCOL, reason);
    return false;
  }
  Settle(index, std::move(reply));
  return true;
}

bool WritePipeline::AnswerFrame(Channel& channel, const binary::Frame& frame) {
  uint32_t index = frame.opaque;
  if (!channel.expected.empty() && channel.expected.front().command == index) {
    if (index == kBarrier) {
      ConfirmSilent(channel);
      return true;
    }
    channel.expected.pop_front();
    if (index == kAuthentication) {
      // A server without SASL does not know the command, and needs no login.
      if (frame.status != binary::kStatusOk && frame.status != binary::kStatusUnknownCommand) {
        Fail(channel, Status::AUTH,
             frame.status == binary::kStatusAuthError
                 ? "authentication failed: the server refused the username or password"
                 : "authentication failed: the server answered SASL PLAIN with status " +
                       std::to_string(frame.status));
        return false;
      }
    } else {
      const WriteCommand& command = (*commands_)[index];
      // touch has no quiet form: a noreply touch is answered, and the answer ignored.
      Settle(index, command.no_reply ? Reply{Status::OK} : binary::ParseReply(command.op, frame));
    }
    return true;
  }
  // A quiet command answers only when it failed, which noreply asked not to be told.
  bool silent_failure = index < commands_->size() && (*commands_)[index].no_reply &&
                        (*commands_)[index].server == channel.server &&
                        (*outcomes_)[index].status == Status::kCount &&
                        !channel.expected.empty() && channel.expected.front().command == kBarrier;
  if (silent_failure) return true;
  Fail(channel, Status::PROTOCOL,
       "a reply no command asked for: opcode " + std::to_string(frame.opcode) + ", opaque " +
           std::to_string(frame.opaque));
  return false;
}

void WritePipeline::Settle(uint32_t index, Reply reply) {
  WriteOutcome& outcome = (*outcomes_)[index];
  outcome.status = reply.status;
  outcome.number = reply.number;
  if (IsFault(reply.status)) outcome.message = std::move(reply.message);
}

void WritePipeline::ConfirmSilent(Channel& channel) {
  uint32_t end = channel.expected.front().silent_end;
  for (uint32_t i = channel.silent_confirmed; i < end; ++i) {
    (*outcomes_)[channel.silent[i]].status = Status::OK;
  }
  channel.silent_confirmed = end;
  channel.expected.pop_front();
}

void WritePipeline::Fail(Channel& channel, Status status, const std::string& message) {
  Abandon(channel, status, message);
  if (status == Status::CONNECTION || status == Status::AUTH) {
    health_.MarkDown(channel.server, message,
                     status == Status::AUTH ? Status::AUTH : Status::SERVER_DOWN);
  }
}

void WritePipeline::Abandon(Channel& channel, Status status, const std::string& message) {
  channel.connection->Close();
  channel.active = false;
  for (uint32_t index : channel.commands) {
    WriteOutcome& outcome = (*outcomes_)[index];
    if (outcome.status != Status::kCount) continue;
    outcome.status = status;
    outcome.message = message;
  }
}

}  // namespace mcnative
