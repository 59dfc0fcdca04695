using System.Net.Sockets;
using System.Text;

namespace Steward.Functional.Infrastructure;

/// <summary>An HTTP/1.1 answer as read off a socket.</summary>
public sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>
/// HTTP/1.1 written by hand on a TCP connection to a server started with <see cref="StewardFactory.OnKestrel"/>,
/// for what HttpClient will not send: malformed chunked framing, a body that stops half-way.
/// </summary>
public static class RawHttp
{
    /// <summary>
    /// Sends <paramref name="head"/> (the request line and headers, without the blank line) and then each part of
    /// the body, pausing <paramref name="stall"/> after the first part, and reads the answer until the server closes.
    /// </summary>
    public static async Task<RawResponse> SendAsync(Uri server, string head, IReadOnlyList<byte[]> body, TimeSpan? stall = null)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        var stream = tcp.GetStream();
        var reading = ReadToEndAsync(stream);
        try
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head.TrimEnd() + "\r\nConnection: close\r\n\r\n"));
            for (var i = 0; i < body.Count; i++)
            {
                await stream.WriteAsync(body[i]);
                if (i == 0 && stall is { } pause)
                {
                    // Wait for the answer, or the pause, whichever comes first: the server may give up on the body.
                    await Task.WhenAny(reading, Task.Delay(pause));
                    if (reading.IsCompleted)
                    {
                        break;
                    }
                }
            }
        }
        catch (IOException)
        {
            // The server answered and closed before taking the whole body; its answer is still read below.
        }

        return Parse(await reading);
    }

    /// <summary>The parts of a chunked body, each as its own chunk, and the last chunk.</summary>
    public static byte[] Chunked(params string[] parts)
    {
        var text = new StringBuilder();
        foreach (var part in parts)
        {
            text.Append(Encoding.UTF8.GetByteCount(part).ToString("x")).Append("\r\n").Append(part).Append("\r\n");
        }

        return Encoding.UTF8.GetBytes(text.Append("0\r\n\r\n").ToString());
    }

    private static async Task<byte[]> ReadToEndAsync(NetworkStream stream)
    {
        using var answer = new MemoryStream();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                answer.Write(buffer, 0, read);
            }
        }
        catch (IOException)
        {
            // A reset after the answer: keep what arrived.
        }

        return answer.ToArray();
    }

    private static RawResponse Parse(byte[] raw)
    {
        var end = raw.AsSpan().IndexOf("\r\n\r\n"u8);
        Assert.True(end > 0, "no HTTP answer came back: " + Encoding.UTF8.GetString(raw));
        var lines = Encoding.ASCII.GetString(raw, 0, end).Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var body = raw.AsSpan(end + 4).ToArray();
        if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = Unchunk(body);
        }

        return new RawResponse(status, headers, Encoding.UTF8.GetString(body));
    }

    private static byte[] Unchunk(byte[] body)
    {
        using var result = new MemoryStream();
        var at = 0;
        while (at < body.Length)
        {
            var lineEnd = at + body.AsSpan(at).IndexOf("\r\n"u8);
            var size = Convert.ToInt32(Encoding.ASCII.GetString(body, at, lineEnd - at), 16);
            if (size == 0)
            {
                break;
            }

            result.Write(body, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }

        return result.ToArray();
    }
}
