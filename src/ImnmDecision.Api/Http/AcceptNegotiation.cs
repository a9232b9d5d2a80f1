using Microsoft.Net.Http.Headers;

namespace ImnmDecision.Api.Http;

/// <summary>
/// Accept as RFC 9110 (12.5.1) reads it: each offered media type takes the quality of the most specific range
/// that matches it (<c>type/subtype</c> over <c>type/*</c> over <c>*/*</c>; parameters other than q are not
/// compared), so <c>application/json;q=0</c> refuses JSON even beside <c>*/*</c>. The offer with the highest
/// quality above 0 wins; on a tie, the one whose range comes first in the header, then the first offered.
/// </summary>
internal static class AcceptNegotiation
{
    /// <summary>The index in <paramref name="offers"/> (media types, most preferred first) of the answer to send, or -1 when Accept allows none.</summary>
    public static int Choose(IList<MediaTypeHeaderValue> accept, IReadOnlyList<string> offers)
    {
        ArgumentNullException.ThrowIfNull(accept);
        ArgumentNullException.ThrowIfNull(offers);
        var best = -1;
        var bestQuality = 0d;
        var bestPosition = int.MaxValue;
        for (var i = 0; i < offers.Count; i++)
        {
            var (quality, position) = QualityOf(accept, offers[i]);
            if (quality > bestQuality || (quality > 0 && quality == bestQuality && position < bestPosition))
            {
                (best, bestQuality, bestPosition) = (i, quality, position);
            }
        }

        return best;
    }

    /// <summary>The quality the most specific matching range gives <paramref name="offer"/> (0 when none matches), and that range's position.</summary>
    private static (double Quality, int Position) QualityOf(IList<MediaTypeHeaderValue> accept, string offer)
    {
        var type = offer[..offer.IndexOf('/', StringComparison.Ordinal)];
        var specificity = -1;
        var quality = 0d;
        var position = int.MaxValue;
        for (var i = 0; i < accept.Count; i++)
        {
            var range = accept[i];
            var rank = range.MatchesAllTypes ? 0
                : range.MatchesAllSubTypes && range.Type.Equals(type, StringComparison.OrdinalIgnoreCase) ? 1
                : range.MediaType.Equals(offer, StringComparison.OrdinalIgnoreCase) ? 2
                : -1;
            if (rank > specificity)
            {
                (specificity, quality, position) = (rank, range.Quality ?? 1, i);
            }
        }

        return (quality, position);
    }
}
