using Backscatter.Domain.Tenancy;

namespace Backscatter.Domain.Tests.Tenancy;

/// <summary>A rotated-out BATV key keeps checking bounces for the whole tag lifetime before it may go.</summary>
public sealed class Retiring_a_batv_key
{
    private static readonly DateTimeOffset Created = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset Rotated = Created.AddDays(30);

    private readonly TenantBatvKey _old = new() { Number = 0, ProtectedSecret = "x", IsActive = false, CreatedAt = Created };

    private readonly TenantBatvKey _new = new() { Number = 1, ProtectedSecret = "y", IsActive = true, CreatedAt = Rotated };

    [Fact]
    public void Should_count_the_retirement_from_the_next_keys_creation()
    {
        Assert.Equal(Rotated, BatvKeyLifetime.RetiredAt(_old, [_old, _new]));
        Assert.Null(BatvKeyLifetime.RetiredAt(_new, [_old, _new]));
    }

    [Fact]
    public void Should_keep_the_previous_key_for_eight_days_after_the_rotation()
    {
        Assert.False(BatvKeyLifetime.IsRemovable(_old, [_old, _new], Rotated.AddDays(7)));
        Assert.False(BatvKeyLifetime.IsRemovable(_old, [_old, _new], Rotated.AddDays(8).AddSeconds(-1)));
        Assert.True(BatvKeyLifetime.IsRemovable(_old, [_old, _new], Rotated.AddDays(8)));
    }

    [Fact]
    public void Should_never_let_the_signing_key_go()
    {
        Assert.False(BatvKeyLifetime.IsRemovable(_new, [_old, _new], Rotated.AddYears(1)));
    }
}
