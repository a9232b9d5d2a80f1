using System.Linq.Expressions;
using ImnmDecision.Engine.Facts;

namespace ImnmDecision.Engine.Tests.Facts;

/// <summary>Fact slot sets are not limited to 64 slots: the same answers in every word, plain and compiled.</summary>
public sealed class SlotMaskTests
{
    public static TheoryData<int[], int[], bool> Cases => new()
    {
        { [0], [0], true },
        { [0], [1], false },
        { [63], [63], true },
        { [63], [64], false },
        { [64], [64], true },
        { [3, 130], [130], true },
        { [3, 130], [4, 129, 191], false },
        { [], [0, 64, 128], false },
        { [200], [200], true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_mask_meets_unknown_slots_in_any_word(int[] slots, int[] unknown, bool expected)
    {
        var mask = SlotMask.Of(slots);
        var words = new ulong[SlotMask.WordsFor(256)];
        foreach (var slot in unknown)
        {
            words[SlotMask.WordOf(slot)] |= SlotMask.BitOf(slot);
        }

        var parameter = Expression.Parameter(typeof(ulong[]), "words");
        var noneIn = Expression.Lambda<Func<ulong[], bool>>(mask.NoneInExpression(parameter), parameter).Compile();

        mask.AnyIn(words).Should().Be(expected);
        noneIn(words).Should().Be(!expected);
        mask.Overlaps(SlotMask.Of(unknown)).Should().Be(expected);
        mask.Slots.Should().Equal(slots.Distinct().Order());
    }

    [Fact]
    public void A_union_holds_every_slot_of_its_parts()
    {
        var union = SlotMask.Union([SlotMask.Of(1, 65), SlotMask.Of(65, 190), SlotMask.Empty]);

        union.Slots.Should().Equal(1, 65, 190);
    }
}
