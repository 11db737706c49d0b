using Backscatter.Domain.Verdicts;

namespace Backscatter.Domain.Tests.Verdicts;

public sealed class RotatingBatvKeys
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    [Fact]
    public void Starts_with_key_zero_active()
    {
        var ring = BatvKeyRing.Empty.Rotate();

        Assert.Equal(0, ring.ActiveNumber);
        Assert.Matches("^[0-9a-f]{64}$", Assert.Single(ring.Keys).Secret);
    }

    [Fact]
    public void Keeps_verifying_tags_of_the_previous_key_after_rotation()
    {
        var first = BatvKeyRing.Empty.Rotate();
        var tag = BatvSignature.Sign("ops@tenant.example", first.Active!, Today).ToString();

        var second = first.Rotate();

        Assert.Equal(1, second.ActiveNumber);
        Assert.NotEqual(first.Active!.Secret, second.Active!.Secret);
        Assert.Equal(BatvCheckResult.Valid, BatvSignature.Check(tag, second.Keys, Today.AddDays(1)));
    }

    [Fact]
    public void Wraps_after_key_nine_and_replaces_the_old_key_zero()
    {
        var ring = BatvKeyRing.Empty;
        for (var i = 0; i < 11; i++)
        {
            ring = ring.Rotate();
        }

        Assert.Equal(0, ring.ActiveNumber);
        Assert.Equal(BatvKeyRing.Capacity, ring.Keys.Count);
        Assert.Single(ring.Keys, k => k.Number == 0);
    }

    [Fact]
    public void Refuses_to_retire_the_active_key()
    {
        var ring = BatvKeyRing.Empty.Rotate().Rotate();

        Assert.Throws<InvalidOperationException>(() => ring.Retire(1));
        Assert.DoesNotContain(ring.Retire(0).Keys, k => k.Number == 0);
    }
}
