using ImnmDecision.Engine.Facts;

namespace ImnmDecision.Engine.Tests.Facts;

/// <summary>
/// The sources of unknown facts: loaded slots take theirs from the array given to <c>Load</c> (kept, not copied),
/// a slot made unknown later takes its own, and each case starts afresh.
/// </summary>
public sealed class FactSetTests
{
    private static readonly FieldMask A = FieldMask.One;
    private static readonly FieldMask B = FieldMask.One << 70;
    private static readonly FieldMask C = FieldMask.One << 5;

    [Fact]
    public void LoadedSlots_TakeTheSourcesGiven()
    {
        var facts = new FactSet();
        facts.Begin(3);
        facts.Load([1, double.NaN, double.NaN], [A, B, C]);

        facts.IsKnown(0).Should().BeTrue();
        facts.UnknownSources(0).Should().Be(FieldMask.Zero, "a known slot has no source");
        facts.UnknownSources(1).Should().Be(B);
        facts.UnknownSources(2).Should().Be(C);
        facts.UnknownSources(3).Should().Be(FieldMask.Zero, "a slot past the loaded ones that nothing set has none");
    }

    [Fact]
    public void SlotMadeUnknown_KeepsItsOwnSource_UntilTheNextCase()
    {
        var facts = new FactSet();
        FieldMask[] sources = [A, B];
        facts.Begin(2);
        facts.Load([double.NaN, 2], sources);
        facts.SetUnknown(0, C);
        facts.SetUnknown(1, A);
        var derived = FactCatalog.All.Count - 1;
        facts.SetUnknown(derived, B);
        facts.Set(derived, double.NaN);

        facts.UnknownSources(0).Should().Be(C);
        facts.UnknownSources(1).Should().Be(A);
        facts.UnknownSources(derived).Should().Be(B, "a slot set to NaN keeps the source it was given");
        sources.Should().Equal([A, B], "the loaded sources are the caller's and stay as they were");

        facts.Begin(2);
        facts.Load([double.NaN, double.NaN], sources);
        facts.UnknownSources(0).Should().Be(A);
        facts.UnknownSources(1).Should().Be(B);
        facts.UnknownSources(derived).Should().Be(FieldMask.Zero);
        facts.IsKnown(derived).Should().BeFalse();

        facts.Clear();
        facts.UnknownSources(0).Should().Be(FieldMask.Zero, "after Clear nothing is loaded");
        facts.IsKnown(1).Should().BeFalse();
    }
}
