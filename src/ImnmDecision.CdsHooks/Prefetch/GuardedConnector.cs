using System.Net;
using System.Net.Sockets;

namespace ImnmDecision.CdsHooks.Prefetch;

/// <summary>
/// The FHIR client's connect step (<see cref="SocketsHttpHandler.ConnectCallback"/>): resolves the host and
/// connects only to public unicast addresses, so that a name or a numeric spelling (<c>2130706433</c>,
/// <c>[::ffff:127.0.0.1]</c>) cannot reach loopback, link-local, private, carrier-grade NAT, multicast or
/// unspecified addresses. A server allowed with <c>AllowPrivateNetwork</c> (tests, local development) skips the
/// check; the request carries that permission in its options.
/// </summary>
internal static class GuardedConnector
{
    /// <summary>The request option that allows private addresses for one request.</summary>
    public static readonly HttpRequestOptionsKey<bool> AllowPrivateNetwork = new("ImnmDecision.FhirAllowPrivateNetwork");

    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var allowPrivate = context.InitialRequestMessage.Options.TryGetValue(AllowPrivateNetwork, out var allowed) && allowed;
        var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
        var usable = addresses.Where(a => allowPrivate || IsPublic(a)).ToArray();
        if (usable.Length == 0)
        {
            throw new HttpRequestException(HttpRequestError.ConnectionError, "The FHIR server's address is not a public address.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(usable, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Whether an address is a public unicast address.</summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0 || b[0] == 10 || b[0] == 127
                || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 192 && b[1] == 0 && b[2] == 0)
                || (b[0] == 198 && (b[1] == 18 || b[1] == 19))
                || b[0] >= 224);
        }

        var bytes = address.GetAddressBytes();
        return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal
            || address.IsIPv4MappedToIPv6 || address.IsIPv6Teredo
            || (bytes[0] == 0x00 && bytes[1] == 0x64 && bytes[2] == 0xff && bytes[3] == 0x9b)
            || bytes.Take(15).All(x => x == 0));
    }
}
