import Foundation
import LedgerCore
import LedgerThreads
import Testing

@Suite("OrderedWorkers: a CPU stage on dedicated threads that keeps input order")
struct OrderedWorkersTests {
    @Test("results come back in input order although workers finish out of order")
    func keepsInputOrder() {
        // Uneven work (seeded, so a failure replays): a later input often finishes before an earlier one.
        var generator = SplitMix64(seed: 7)
        let pauses = (0..<400).map { _ in UInt32(generator.next() % 300) }
        let workers = OrderedWorkers<Int, Int>(name: "test-ordered", count: 3, capacity: 2) { input in
            usleep(pauses[input])
            return input * 10
        }
        let producer = DedicatedThread(name: "test-producer") {
            for input in 0..<400 { workers.send(input) }
            workers.finishInput()
        }
        var results: [Int] = []
        while let output = workers.next() { results.append(output) }
        producer.join()
        workers.stop()
        #expect(results == (0..<400).map { $0 * 10 })
    }

    @Test("the sending thread may also take, keeping no more than the capacity in flight")
    func oneThreadSendsAndTakes() {
        let workers = OrderedWorkers<Int, Int>(name: "test-same-thread", count: 2, capacity: 3) { $0 + 1 }
        var results: [Int] = []
        var inFlight = 0
        for input in 0..<100 {
            workers.send(input)
            inFlight += 1
            if inFlight == 3, let output = workers.next() {
                results.append(output)
                inFlight -= 1
            }
        }
        workers.finishInput()
        while let output = workers.next() { results.append(output) }
        workers.stop()
        #expect(results == Array(1...100))
    }

    @Test("stop() releases a producer blocked on a full queue and waits for every worker", .timeLimit(.minutes(1)))
    func stopReleasesABlockedProducer() {
        let started = Tally()
        let workers = OrderedWorkers<Int, Int>(name: "test-stop", count: 2, capacity: 1) { input in
            started.add(1)
            return input
        }
        let refused = Tally()
        let producer = DedicatedThread(name: "test-producer") {
            for input in 0..<1_000 where !workers.send(input) {
                refused.add(1)
                return
            }
        }
        #expect(workers.next() == 0)
        workers.stop()
        producer.join()  // hangs (and the time limit fails the test) if stop() left the producer blocked
        #expect(refused.current == 1)
        #expect(started.current < 1_000)
        #expect(workers.next() == nil)
    }

    @Test("pipelines are sized from the cores: two to four workers")
    func workerCountIsBounded() {
        let count = WorkerCount.besideOneConsumer
        #expect((2...4).contains(count))
        #expect(count == min(max(ProcessInfo.processInfo.activeProcessorCount, 2), 4))
    }
}
