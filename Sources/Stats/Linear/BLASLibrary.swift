import COpenBLAS
#if canImport(Glibc)
import Glibc
#endif

/// OpenBLAS and LAPACKE, opened with `dlopen` the first time a routine is called.
///
/// Linking them would make every `audit` process load ~30 MB of shared objects (about 3 ms of a
/// 14 ms start on the reference machine) although only regression, the BLAS bootstrap kernels and
/// the label-matrix permutation test use them. The function types come from the C headers through
/// `COpenBLAS/shim.h`, so a wrong signature does not compile. Swift initialises `symbols` once,
/// thread-safely, on first access. A machine without the shared objects gets one line on stderr naming
/// the Debian package and exit status 69 (EX_UNAVAILABLE) when a command first needs them — an
/// installation problem, not a result, and the only place `Stats` ends the process.
enum BLASLibrary {
    struct Symbols: @unchecked Sendable {
        let dgemm: audit_cblas_dgemm_fn
        let dgemv: audit_cblas_dgemv_fn
        let dgels: audit_lapacke_dgels_fn
        let setThreadCount: audit_openblas_set_num_threads_fn
        let config: audit_openblas_get_config_fn
        let coreName: audit_openblas_get_corename_fn
    }

    /// Library file names tried in order (Debian's runtime packages libopenblas0 and liblapacke).
    static let blasNames = ["libopenblas.so.0", "libopenblas.so"]
    static let lapackeNames = ["liblapacke.so.3", "liblapacke.so"]

    /// A path in this environment variable is the only OpenBLAS tried (to choose a build; tests use it
    /// to check the diagnostic for a missing library).
    static let overrideVariable = "AUDIT_OPENBLAS_LIBRARY"

    static let symbols: Symbols = {
        let chosen = getenv(overrideVariable).map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }
        let blas = open(chosen.map { [$0] } ?? blasNames, package: "libopenblas0")
        let lapacke = open(lapackeNames, package: "liblapacke")
        return Symbols(
            dgemm: unsafeBitCast(symbol(blas, "cblas_dgemm"), to: audit_cblas_dgemm_fn.self),
            dgemv: unsafeBitCast(symbol(blas, "cblas_dgemv"), to: audit_cblas_dgemv_fn.self),
            dgels: unsafeBitCast(symbol(lapacke, "LAPACKE_dgels"), to: audit_lapacke_dgels_fn.self),
            setThreadCount: unsafeBitCast(symbol(blas, "openblas_set_num_threads"), to: audit_openblas_set_num_threads_fn.self),
            config: unsafeBitCast(symbol(blas, "openblas_get_config"), to: audit_openblas_get_config_fn.self),
            coreName: unsafeBitCast(symbol(blas, "openblas_get_corename"), to: audit_openblas_get_corename_fn.self))
    }()

    private static func open(_ names: [String], package: String) -> UnsafeMutableRawPointer {
        var reasons: [String] = []
        for name in names {
            if let handle = dlopen(name, RTLD_NOW | RTLD_GLOBAL) { return handle }
            reasons.append(dlerror().map { String(cString: $0) } ?? name)
        }
        unavailable("cannot load \(names[0]) (install the Debian package \(package)): \(reasons.joined(separator: "; "))")
    }

    private static func symbol(_ handle: UnsafeMutableRawPointer, _ name: String) -> UnsafeMutableRawPointer {
        guard let pointer = dlsym(handle, name) else { unavailable("\(name) is missing from the loaded BLAS/LAPACKE library") }
        return pointer
    }

    /// Exit status for a missing library (sysexits.h EX_UNAVAILABLE), documented in the README.
    static let unavailableStatus: Int32 = 69

    private static func unavailable(_ message: String) -> Never {
        var line = Array("audit: \(message)\n".utf8)
        _ = line.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
        exit(unavailableStatus)
    }
}
