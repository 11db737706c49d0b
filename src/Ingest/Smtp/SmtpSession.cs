using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Text;

using Microsoft.Extensions.Logging;

namespace Backscatter.Ingest.Smtp;

/// <summary>
/// One SMTP conversation (RFC 5321 with PIPELINING, SIZE, 8BITMIME, SMTPUTF8, ENHANCEDSTATUSCODES
/// and STARTTLS). Replies are buffered while the client has pipelined commands waiting and
/// flushed before the session waits for more input. A message is acknowledged with 250 only after
/// the inbox has made it durable.
/// </summary>
/// <remarks>
/// Built for one connection per message at thousands a second: no timer or cancellation source
/// per command (the listener's watchdog cancels a read whose deadline passed, see
/// <see cref="Expire"/>), the data block in a pooled buffer, fixed replies encoded once, and one
/// log line per session, at its end.
/// </remarks>
internal sealed partial class SmtpSession : IAsyncDisposable
{
    private const int MaxCommandLine = 2048;
    private const int MaxErrors = 20;
    private const int ReadBufferSize = 16 * 1024;
    private static readonly byte[] CrLf = "\r\n"u8.ToArray();

    private readonly SmtpSessionContext _context;
    private readonly SmtpOptions _options;
    private readonly IPAddress _clientIp;
    private readonly List<AcceptedRecipient> _recipients = [];
    private readonly ArrayBufferWriter<byte> _replies = new(1024);
    private readonly long _started = Stopwatch.GetTimestamp();

    private Stream _stream;
    private volatile PipeReader _reader;
    private long _deadline = long.MaxValue;
    private string? _helo;
    private string? _mailFrom;
    private bool _tls;
    private int _errors;
    private int _messages;
    private int _refusedRecipients;
    private string _ending = "quit";

    public SmtpSession(Stream stream, IPAddress clientIp, SmtpSessionContext context)
    {
        _stream = stream;
        _reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: ReadBufferSize, leaveOpen: true));
        _clientIp = clientIp;
        _context = context;
        _options = context.Options;
    }

    private ILogger Logger => _context.Logger;

    private SmtpMetrics Metrics => _context.Metrics;

    private CancellationToken Stopping => _context.Stopping;

    /// <summary>
    /// Called by the listener's watchdog: a read still waiting past its deadline is cancelled, and
    /// the session answers 421. Also called at shutdown, when every read is cancelled.
    /// </summary>
    public void Expire(long now)
    {
        if (now < Volatile.Read(ref _deadline) && !Stopping.IsCancellationRequested)
        {
            return;
        }

        try
        {
            _reader.CancelPendingRead();
        }
        catch (Exception ex) when (ex is InvalidOperationException or ObjectDisposedException)
        {
            // The reader was completed (the session ends, or is switching to TLS): nothing to cancel.
        }
    }

    public async Task RunAsync()
    {
        LogConnected(_clientIp);
        _replies.Write(_context.Greeting);
        try
        {
            while (await ReadLineAsync() is { } line)
            {
                if (!await HandleAsync(line))
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (Stopping.IsCancellationRequested)
        {
            _ending = "shutdown";
            Metrics.Refused(SmtpRefusal.ShuttingDown);
            Reply(SmtpReply.ShuttingDown);
        }
        catch (TimeoutException)
        {
            _ending = "timeout";
            Metrics.Refused(SmtpRefusal.Timeout);
            Reply(SmtpReply.Timeout);
        }
        catch (LineTooLongException)
        {
            _ending = "line too long";
            Metrics.Refused(SmtpRefusal.LineTooLong);
            Reply(SmtpReply.LineTooLong);
        }
        catch (IOException)
        {
            // The client went away; nothing to tell it.
            _ending = "dropped";
        }
        catch (AuthenticationException ex)
        {
            // A failed TLS handshake leaves no channel to answer on.
            LogTlsFailed(_clientIp, ex.Message);
            _ending = "TLS failed";
        }

        if (_ending != "TLS failed")
        {
            await FlushAsync();
        }

        LogClosed(_clientIp, _helo ?? "-", _messages, _refusedRecipients, _errors, _tls, _ending, (long)Stopwatch.GetElapsedTime(_started).TotalMilliseconds);
    }

    private async ValueTask<bool> HandleAsync(string line)
    {
        var argument = line.Length > 4 ? line.AsSpan(4).Trim() : [];
        switch (Verb(line))
        {
            case "EHLO":
                return Hello(argument, extended: true);
            case "HELO":
                return Hello(argument, extended: false);
            case "MAIL":
                return Mail(argument);
            case "RCPT":
                return await RecipientAsync(argument);
            case "DATA":
                return await DataAsync();
            case "RSET":
                ResetTransaction();
                Reply(SmtpReply.Ok);
                return true;
            case "NOOP":
                Reply(SmtpReply.Ok);
                return true;
            case "QUIT":
                Reply(SmtpReply.Bye);
                return false;
            case "VRFY":
                Reply(SmtpReply.CannotVerify);
                return true;
            case "HELP":
                Reply(SmtpReply.Help);
                return true;
            case "STAR" when line.AsSpan().Trim().Equals("STARTTLS", StringComparison.OrdinalIgnoreCase):
                return await StartTlsAsync();
            case "BDAT":
            case "EXPN":
            case "ETRN":
            case "TURN":
                return Error(SmtpReply.NotImplemented);
            default:
                return Error(SmtpReply.Unrecognized);
        }
    }

    /// <summary>The first four characters in upper case, without a string: commands are ASCII.</summary>
    private static string Verb(string line)
    {
        Span<char> verb = stackalloc char[4];
        var length = Math.Min(4, line.Length);
        line.AsSpan(0, length).ToUpperInvariant(verb);
        return verb[..length] switch
        {
            "EHLO" => "EHLO",
            "HELO" => "HELO",
            "MAIL" => "MAIL",
            "RCPT" => "RCPT",
            "DATA" => "DATA",
            "RSET" => "RSET",
            "NOOP" => "NOOP",
            "QUIT" => "QUIT",
            "VRFY" => "VRFY",
            "HELP" => "HELP",
            "STAR" => "STAR",
            "BDAT" => "BDAT",
            "EXPN" => "EXPN",
            "ETRN" => "ETRN",
            "TURN" => "TURN",
            _ => "",
        };
    }

    private bool Hello(ReadOnlySpan<char> argument, bool extended)
    {
        if (argument.Length == 0 || argument.Length > 255 || HasControl(argument))
        {
            return Error(SmtpReply.SyntaxError);
        }

        _helo = argument.ToString();
        ResetTransaction();
        if (!extended)
        {
            _replies.Write(_context.HelloReply);
            return true;
        }

        Reply($"250-{_options.HostName} greets {_helo}");
        _replies.Write(_tls ? _context.ExtensionsReplyAfterTls : _context.ExtensionsReply);
        Reply("250 ENHANCEDSTATUSCODES");
        return true;
    }

    private bool Mail(ReadOnlySpan<char> argument)
    {
        if (_helo is null)
        {
            return Error(SmtpReply.HelloFirst);
        }

        if (_mailFrom is not null)
        {
            return Error(SmtpReply.NestedMail);
        }

        if (!TryParsePath(argument, "FROM:", out var address, out var parameters))
        {
            return Error(SmtpReply.SyntaxError);
        }

        foreach (var range in parameters.Split(' '))
        {
            var parameter = parameters[range].Trim();
            if (parameter.StartsWith("SIZE=", StringComparison.OrdinalIgnoreCase)
                && long.TryParse(parameter[5..], System.Globalization.CultureInfo.InvariantCulture, out var size)
                && size > _options.MaxMessageSize)
            {
                Metrics.Refused(SmtpRefusal.MessageTooBig);
                return Error(SmtpReply.MessageTooBig);
            }
        }

        // The null sender <> is what every bounce uses: always welcome here.
        _mailFrom = address.ToString();
        Reply(SmtpReply.SenderOk);
        return true;
    }

    private ValueTask<bool> RecipientAsync(ReadOnlySpan<char> argument)
    {
        if (_mailFrom is null)
        {
            return ValueTask.FromResult(Error(SmtpReply.MailFirst));
        }

        if (!TryParsePath(argument, "TO:", out var path, out _) || path.Length == 0)
        {
            return ValueTask.FromResult(Error(SmtpReply.SyntaxError));
        }

        if (_recipients.Count >= _options.MaxRecipients)
        {
            Metrics.Refused(SmtpRefusal.TooManyRecipients);
            Reply(SmtpReply.TooManyRecipients);
            return ValueTask.FromResult(true);
        }

        var address = path.ToString();
        return RecipientAsync(address, address.ToLowerInvariant());
    }

    private async ValueTask<bool> RecipientAsync(string address, string lowerCase)
    {
        // An unknown address is refused now, in the session: this product never accepts and bounces later.
        Guid? tenant;
        try
        {
            tenant = await _context.Addresses.FindTenantAsync(lowerCase, Stopping);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !Stopping.IsCancellationRequested)
        {
            LogLookupFailed(ex, _clientIp);
            Metrics.Refused(SmtpRefusal.LookupUnavailable);
            Reply(SmtpReply.StorageUnavailable);
            return true;
        }

        if (tenant is null)
        {
            _refusedRecipients++;
            Metrics.Refused(SmtpRefusal.UnknownRecipient);
            LogUnknownRecipient(_clientIp, address);
            return Error(SmtpReply.UnknownRecipient(address));
        }

        _recipients.Add(new AcceptedRecipient(lowerCase, tenant.Value));
        Reply(SmtpReply.RecipientOk);
        return true;
    }

    private async ValueTask<bool> DataAsync()
    {
        if (_mailFrom is null)
        {
            return Error(SmtpReply.MailFirst);
        }

        if (_recipients.Count == 0)
        {
            return Error(SmtpReply.RecipientFirst);
        }

        if (!_context.Limits.TryTakeMessage(_clientIp))
        {
            Metrics.Refused(SmtpRefusal.ClientRate);
            Reply(SmtpReply.RateLimited);
            LogRateLimited(_clientIp);
            _ending = "rate limited";
            return false;
        }

        Reply(SmtpReply.StartData);
        await FlushAsync();
        var data = new MessageBuffer();
        try
        {
            if (!await ReadDataAsync(data))
            {
                LogTooBig(_clientIp, _options.MaxMessageSize);
                Metrics.Refused(SmtpRefusal.MessageTooBig);
                ResetTransaction();
                Reply(SmtpReply.MessageTooBig);
                return true;
            }

            var dataEnded = Stopwatch.GetTimestamp();
            var message = new ReceivedMessage(_clientIp, _helo!, _mailFrom, [.. _recipients], data.Written, _context.Clock.GetUtcNow());
            ResetTransaction();
            try
            {
                var ids = await _context.Inbox.StoreAsync(message, Stopping);
                _messages++;
                Metrics.MessageAccepted(dataEnded);
                Reply(SmtpReply.Queued(ids[0]));
                LogStored(_clientIp, message.MailFrom, message.Recipients.Count, message.Raw.Length, ids[0]);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !Stopping.IsCancellationRequested)
            {
                // Not durable means not acknowledged: the sender keeps the message and retries.
                LogNotStored(ex, _clientIp);
                Metrics.Refused(SmtpRefusal.StoreUnavailable);
                Reply(SmtpReply.StorageUnavailable);
            }

            return true;
        }
        finally
        {
            // The inbox is done with the bytes once its task has completed (IReportInbox).
            data.Dispose();
        }
    }

    /// <summary>
    /// Reads the data block up to the lone dot, undoing dot-stuffing; stops keeping bytes past the
    /// size limit but reads to the end. False when the message was too big.
    /// </summary>
    private async ValueTask<bool> ReadDataAsync(MessageBuffer body)
    {
        var tooBig = false;
        while (true)
        {
            // An idle limit, not a total one: a large message over a slow link keeps streaming.
            var result = await ReadAsync(_context.DataTimeoutMs);
            var lines = new SequenceReader<byte>(result.Buffer);
            while (lines.TryReadTo(out ReadOnlySpan<byte> line, (byte)'\n'))
            {
                if (line is [(byte)'.'] or [(byte)'.', (byte)'\r'])
                {
                    _reader.AdvanceTo(lines.Position);
                    return !tooBig;
                }

                var content = line is [(byte)'.', ..] ? line[1..] : line;
                if (!tooBig && body.Length + content.Length + 1 > _options.MaxMessageSize)
                {
                    tooBig = true;
                }

                if (!tooBig)
                {
                    body.AppendLine(content);
                }
            }

            if (result.IsCompleted)
            {
                throw new IOException("The client closed the connection in the middle of DATA.");
            }

            _reader.AdvanceTo(lines.Position, result.Buffer.End);
        }
    }

    private async ValueTask<bool> StartTlsAsync()
    {
        if (_context.Certificate is null || _tls)
        {
            return Error(SmtpReply.NoTls);
        }

        Reply(SmtpReply.ReadyForTls);
        await FlushAsync();
        // Anything the client pipelined after STARTTLS is discarded (RFC 3207: it must not do that).
        await _reader.CompleteAsync();
        var tls = new SslStream(_stream, leaveInnerStreamOpen: false);
        _stream = tls;
        using (var handshake = CancellationTokenSource.CreateLinkedTokenSource(Stopping))
        {
            handshake.CancelAfter(_options.CommandTimeout);
            try
            {
                await tls.AuthenticateAsServerAsync(
                    new SslServerAuthenticationOptions { ServerCertificate = _context.Certificate, ClientCertificateRequired = false },
                    handshake.Token);
            }
            catch (OperationCanceledException) when (!Stopping.IsCancellationRequested)
            {
                throw new AuthenticationException("The client did not complete the TLS handshake in time.");
            }
        }

        _reader = PipeReader.Create(tls, new StreamPipeReaderOptions(bufferSize: ReadBufferSize, leaveOpen: true));
        _tls = true;
        _helo = null;
        ResetTransaction();
        return true;
    }

    private async ValueTask<string?> ReadLineAsync()
    {
        Volatile.Write(ref _deadline, Environment.TickCount64 + _context.CommandTimeoutMs);
        while (true)
        {
            if (_reader.TryRead(out var result))
            {
                ThrowIfInterrupted(result);
            }
            else
            {
                // Nothing pipelined is waiting: the client needs the replies before it sends more.
                await FlushAsync();
                result = await ReadAsync(deadlineMs: 0);
            }

            var buffer = result.Buffer;
            var lines = new SequenceReader<byte>(buffer);
            if (lines.TryReadTo(out ReadOnlySpan<byte> line, (byte)'\n'))
            {
                if (line.Length + 1 > MaxCommandLine)
                {
                    throw new LineTooLongException();
                }

                var text = Encoding.UTF8.GetString(line is [.., (byte)'\r'] ? line[..^1] : line);
                _reader.AdvanceTo(lines.Position);
                return text;
            }

            if (buffer.Length > MaxCommandLine)
            {
                throw new LineTooLongException();
            }

            if (result.IsCompleted)
            {
                _reader.AdvanceTo(buffer.End);
                return null;
            }

            _reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>A read that the watchdog or shutdown cancelled (<see cref="Expire"/>): throws if that was meant.</summary>
    private void ThrowIfInterrupted(ReadResult result)
    {
        if (!result.IsCanceled)
        {
            return;
        }

        Stopping.ThrowIfCancellationRequested();
        if (Environment.TickCount64 >= Volatile.Read(ref _deadline))
        {
            throw new TimeoutException();
        }

        // Otherwise the cancellation was meant for an earlier wait that ended in time: what was read stays valid.
    }

    /// <param name="deadlineMs">A new idle limit from now, or 0 to keep the current deadline.</param>
    private async ValueTask<ReadResult> ReadAsync(long deadlineMs)
    {
        if (deadlineMs > 0)
        {
            Volatile.Write(ref _deadline, Environment.TickCount64 + deadlineMs);
        }

        var result = await _reader.ReadAsync(CancellationToken.None);
        ThrowIfInterrupted(result);
        return result;
    }

    /// <summary>Parses <c>FROM:&lt;address&gt; PARAM=VALUE ...</c>; the brackets are required, the address may be empty.</summary>
    internal static bool TryParsePath(ReadOnlySpan<char> argument, string prefix, out ReadOnlySpan<char> address, out ReadOnlySpan<char> parameters)
    {
        address = [];
        parameters = [];
        if (!argument.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rest = argument[prefix.Length..].TrimStart();
        var close = rest.IndexOf('>');
        if (rest is not ['<', ..] || close < 0)
        {
            return false;
        }

        address = rest[1..close].Trim();
        // A source route (@a,@b:user@c) is obsolete; keep only the mailbox.
        var colon = address is ['@', ..] ? address.IndexOf(':') : -1;
        if (colon >= 0)
        {
            address = address[(colon + 1)..];
        }

        if (address.Length > 320 || HasControl(address))
        {
            return false;
        }

        parameters = rest[(close + 1)..].Trim();
        return true;
    }

    private static bool HasControl(ReadOnlySpan<char> text) =>
        text.ContainsAnyInRange('\0', '\x1f') || text.ContainsAnyInRange('\x7f', '\x9f');

    private void ResetTransaction()
    {
        _mailFrom = null;
        _recipients.Clear();
    }

    private bool Error(string reply)
    {
        Reply(reply);
        if (++_errors < MaxErrors)
        {
            return true;
        }

        Metrics.Refused(SmtpRefusal.TooManyErrors);
        Reply(SmtpReply.TooManyErrors);
        _ending = "too many errors";
        return false;
    }

    private void Reply(string line)
    {
        Encoding.UTF8.GetBytes(line, _replies);
        _replies.Write(CrLf);
    }

    private async ValueTask FlushAsync()
    {
        if (_replies.WrittenCount == 0)
        {
            return;
        }

        try
        {
            // Not cancelled at shutdown: the 421 that says so must still go out. A reply fits the
            // socket's send buffer, so the write does not wait for the client.
            await _stream.WriteAsync(_replies.WrittenMemory, CancellationToken.None);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // A client that left cannot be told anything.
        }

        _replies.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        await _reader.CompleteAsync();
        await _stream.DisposeAsync();
    }

    [LoggerMessage(LogLevel.Debug, "SMTP connection from {ClientIp}")]
    private partial void LogConnected(IPAddress clientIp);

    // The one line per session at Information: what it did, and how it ended.
    [LoggerMessage(LogLevel.Information, "SMTP session from {ClientIp} ({Helo}): {Messages} messages stored, {RefusedRecipients} recipients refused, {Errors} errors, TLS {Tls}, ended by {Ending} after {DurationMs} ms")]
    private partial void LogClosed(IPAddress clientIp, string helo, int messages, int refusedRecipients, int errors, bool tls, string ending, long durationMs);

    [LoggerMessage(LogLevel.Debug, "Refused RCPT {Recipient} from {ClientIp}: no such ingest address")]
    private partial void LogUnknownRecipient(IPAddress clientIp, string recipient);

    [LoggerMessage(LogLevel.Error, "Could not look up a recipient for {ClientIp}; answered 451")]
    private partial void LogLookupFailed(Exception exception, IPAddress clientIp);

    [LoggerMessage(LogLevel.Warning, "Refused a message from {ClientIp}: larger than {MaxMessageSize} bytes")]
    private partial void LogTooBig(IPAddress clientIp, long maxMessageSize);

    [LoggerMessage(LogLevel.Information, "TLS handshake with {ClientIp} failed: {Reason}")]
    private partial void LogTlsFailed(IPAddress clientIp, string reason);

    [LoggerMessage(LogLevel.Warning, "Rate limit reached for {ClientIp}; closing with 421")]
    private partial void LogRateLimited(IPAddress clientIp);

    [LoggerMessage(LogLevel.Debug, "Stored a message from {ClientIp}, MAIL FROM <{MailFrom}>, {Recipients} recipients, {Size} bytes as {ReportId}")]
    private partial void LogStored(IPAddress clientIp, string mailFrom, int recipients, int size, Guid reportId);

    [LoggerMessage(LogLevel.Error, "Could not store a message from {ClientIp}; answered 451")]
    private partial void LogNotStored(Exception exception, IPAddress clientIp);

    private sealed class LineTooLongException : Exception;
}
