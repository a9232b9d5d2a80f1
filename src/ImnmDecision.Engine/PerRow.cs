using System.Runtime.CompilerServices;

namespace ImnmDecision.Engine;

/// <summary>How the methods that run for every row of a batch are compiled.</summary>
internal static class PerRow
{
    /// <summary>
    /// Compiled optimized at the first call, skipping the unoptimized first tier. A batch run is one long loop
    /// over its rows, and its start-up (loading the ruleset, compiling its decisions) calls a thousand or so
    /// methods often enough to be queued for recompilation too: a per-row method that starts unoptimized waits
    /// behind them. The CLI therefore recompiles only methods called 20,000 times (see its project file).
    /// </summary>
    public const MethodImplOptions Optimized = MethodImplOptions.AggressiveOptimization;
}
