namespace ImnmDecision.CdsHooks.Prefetch;

/// <summary>The bytes one hook call may still read from the FHIR server, shared by its parallel fetches.</summary>
internal sealed class FetchAllowance(long bytes)
{
    private long remaining = bytes;

    /// <summary>Takes <paramref name="count"/> bytes; false once the hook's cap is spent.</summary>
    public bool TryTake(int count) => Interlocked.Add(ref remaining, -count) >= 0;
}
