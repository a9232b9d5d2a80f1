using ImnmDecision.Store;

namespace ImnmDecision.Api.Store;

/// <summary>The store this process uses, once opened and migrated at start-up.</summary>
internal sealed class StoreState
{
    private DecisionStore? store;

    /// <summary>The opened store, or null before start-up has opened it.</summary>
    public DecisionStore? Store => Volatile.Read(ref store);

    public void Opened(DecisionStore opened) => Volatile.Write(ref store, opened);
}
