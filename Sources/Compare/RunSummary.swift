import Claims
import Stats

/// One of our runs, loaded with its rig profile: what a comparison needs to know about it.
public struct RunSummary: Sendable {
    public let run: BenchmarkRun
    public let file: String
    public let sample: Sample
    public let rig: RigProfile?
    /// Other runs pooled into this one (for a glob such as `lambda-*`), by id.
    public let pooledFrom: [String]

    public var id: String { "\(run.config)/\(run.metric)/cc\(run.concurrency)" }
    public var boundary: Boundary? { rig?.boundary }

    public init(run: BenchmarkRun, file: String, sample: Sample, rig: RigProfile?, pooledFrom: [String] = []) {
        self.run = run
        self.file = file
        self.sample = sample
        self.rig = rig
        self.pooledFrom = pooledFrom
    }

    /// Loads every run of `config` (optionally one metric / concurrency) from the results directory.
    /// A file that cannot be read is skipped and reported in `skipped`, so one bad file does not hide the
    /// good ones (the caller names it and exits 65).
    public static func load(config: String, metric: String?, concurrency: Int?, directory: ResultsDirectory,
                            catalog: RigCatalog, skipped: inout [AuditError]) -> [RunSummary] {
        var out: [RunSummary] = []
        for e in directory.entries(config: config) where (metric == nil || e.metric == metric) && (concurrency == nil || e.concurrency == concurrency) {
            do throws(AuditError) {
                let run = try BenchmarkRunDecoder.decode(try FileBytes.read(e.file), file: e.file)
                let sample: Sample
                do { sample = try Sample(run.samples) } catch { throw AuditError(.malformedInput, file: e.file, path: "samples", error.description) }
                out.append(RunSummary(run: run, file: e.file, sample: sample,
                                      rig: catalog.profile(config: run.config, metric: run.metric, concurrency: run.concurrency)))
            } catch {
                skipped.append(error)
            }
        }
        return out
    }
}
