using System.Text;
using System.Text.Json;
using PacificEdge.Runtime.Messaging;

namespace PacificEdge.Runtime.Clustering.Transport;

/// <summary>
/// Frames <see cref="GrainRequest"/> and <see cref="GrainResponse"/> for the silo port. Binary:
/// a version byte, then length-prefixed UTF-8 strings and raw payload bytes (the arguments and
/// results are already UTF-8 JSON from the grain codec, so they are copied, never re-encoded).
/// JSON: the messages' own System.Text.Json shape (payloads become base64), for debugging with curl.
/// Silos read both, chosen by Content-Type.
/// </summary>
internal static class SiloMessageCodec
{
    public const string BinaryMediaType = "application/x-pacificedge-grain";
    public const string JsonMediaType = "application/json";

    private const byte FormatVersion = 1;
    private const byte EmptyResult = 0;
    private const byte ValueResult = 1;
    private const byte ErrorResult = 2;
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string MediaType(SiloWireFormat format) => format == SiloWireFormat.Json ? JsonMediaType : BinaryMediaType;

    public static SiloWireFormat? FormatOf(string? contentType) => contentType switch
    {
        null => null,
        _ when contentType.StartsWith(BinaryMediaType, StringComparison.OrdinalIgnoreCase) => SiloWireFormat.Binary,
        _ when contentType.StartsWith(JsonMediaType, StringComparison.OrdinalIgnoreCase) => SiloWireFormat.Json,
        _ => null,
    };

    public static byte[] EncodeRequest(GrainRequest request, SiloWireFormat format)
    {
        if (format == SiloWireFormat.Json)
        {
            return JsonSerializer.SerializeToUtf8Bytes(request, SiloMessageJsonContext.Default.GrainRequest);
        }

        var size = 1 + VarIntSize((uint)request.ForwardCount)
            + StringSize(request.Target.Type) + StringSize(request.Target.Key) + StringSize(request.Interface) + StringSize(request.Method)
            + BytesSize(request.Arguments);
        var buffer = new byte[size];
        var writer = new Writer(buffer);
        writer.Byte(FormatVersion);
        writer.VarInt((uint)request.ForwardCount);
        writer.String(request.Target.Type);
        writer.String(request.Target.Key);
        writer.String(request.Interface);
        writer.String(request.Method);
        writer.Bytes(request.Arguments);
        return buffer;
    }

    /// <exception cref="FormatException">The body is not a well-formed request.</exception>
    public static GrainRequest DecodeRequest(ReadOnlySpan<byte> body, SiloWireFormat format)
    {
        if (format == SiloWireFormat.Json)
        {
            return Json(body, SiloMessageJsonContext.Default.GrainRequest);
        }

        var reader = new Reader(body);
        reader.ExpectVersion();
        var hops = reader.VarInt();
        var type = reader.String();
        var key = reader.String();
        var request = new GrainRequest
        {
            Target = new GrainId(type, key),
            Interface = reader.String(),
            Method = reader.String(),
            Arguments = reader.Bytes(),
            ForwardCount = checked((int)hops),
        };
        reader.ExpectEnd();
        return request;
    }

    public static byte[] EncodeResponse(GrainResponse response, SiloWireFormat format)
    {
        if (format == SiloWireFormat.Json)
        {
            return JsonSerializer.SerializeToUtf8Bytes(response, SiloMessageJsonContext.Default.GrainResponse);
        }

        if (response.Error is { } error)
        {
            var buffer = new byte[2 + StringSize(error.Type) + StringSize(error.Message)];
            var writer = new Writer(buffer);
            writer.Byte(FormatVersion);
            writer.Byte(ErrorResult);
            writer.String(error.Type);
            writer.String(error.Message);
            return buffer;
        }

        if (response.Result is null)
        {
            return [FormatVersion, EmptyResult];
        }

        var result = new byte[2 + BytesSize(response.Result)];
        var resultWriter = new Writer(result);
        resultWriter.Byte(FormatVersion);
        resultWriter.Byte(ValueResult);
        resultWriter.Bytes(response.Result);
        return result;
    }

    /// <exception cref="FormatException">The body is not a well-formed response.</exception>
    public static GrainResponse DecodeResponse(ReadOnlySpan<byte> body, SiloWireFormat format)
    {
        if (format == SiloWireFormat.Json)
        {
            return Json(body, SiloMessageJsonContext.Default.GrainResponse);
        }

        var reader = new Reader(body);
        reader.ExpectVersion();
        GrainResponse response = reader.Byte() switch
        {
            EmptyResult => GrainResponse.Empty,
            ValueResult => GrainResponse.FromResult(reader.Bytes()),
            ErrorResult => GrainResponse.FromError(new GrainError(reader.String(), reader.String())),
            var kind => throw new FormatException($"Unknown response kind {kind}."),
        };
        reader.ExpectEnd();
        return response;
    }

    private static T Json<T>(ReadOnlySpan<byte> body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(body, typeInfo) ?? throw new FormatException("The message is JSON null.");
        }
        catch (JsonException ex)
        {
            throw new FormatException($"Malformed JSON message: {ex.Message}", ex);
        }
    }

    private static int VarIntSize(uint value)
    {
        var size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }

        return size;
    }

    private static int StringSize(string value)
    {
        var bytes = Utf8.GetByteCount(value);
        return VarIntSize((uint)bytes) + bytes;
    }

    private static int BytesSize(byte[]? value) => value is null ? 1 : VarIntSize((uint)value.Length + 1) + value.Length;

    private ref struct Writer(Span<byte> buffer)
    {
        private readonly Span<byte> _buffer = buffer;
        private int _position;

        public void Byte(byte value) => _buffer[_position++] = value;

        public void VarInt(uint value)
        {
            while (value >= 0x80)
            {
                _buffer[_position++] = (byte)(value | 0x80);
                value >>= 7;
            }

            _buffer[_position++] = (byte)value;
        }

        public void String(string value)
        {
            var count = Utf8.GetByteCount(value);
            VarInt((uint)count);
            _position += Utf8.GetBytes(value, _buffer[_position..]);
        }

        /// <summary>Length + 1, so 0 can mean null (no arguments, or a method without a result).</summary>
        public void Bytes(byte[]? value)
        {
            if (value is null)
            {
                VarInt(0);
                return;
            }

            VarInt((uint)value.Length + 1);
            value.CopyTo(_buffer[_position..]);
            _position += value.Length;
        }
    }

    private ref struct Reader(ReadOnlySpan<byte> buffer)
    {
        private readonly ReadOnlySpan<byte> _buffer = buffer;
        private int _position;

        public byte Byte() => _position < _buffer.Length ? _buffer[_position++] : throw Truncated();

        public void ExpectVersion()
        {
            var version = Byte();
            if (version != FormatVersion)
            {
                throw new FormatException($"Unsupported message format version {version}.");
            }
        }

        public void ExpectEnd()
        {
            if (_position != _buffer.Length)
            {
                throw new FormatException($"{_buffer.Length - _position} unexpected bytes after the message.");
            }
        }

        public uint VarInt()
        {
            uint value = 0;
            for (var shift = 0; shift < 35; shift += 7)
            {
                var b = Byte();
                value |= (uint)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }

            throw new FormatException("Malformed length prefix.");
        }

        public string String()
        {
            var span = Take(VarInt());
            try
            {
                return Utf8.GetString(span);
            }
            catch (DecoderFallbackException ex)
            {
                throw new FormatException("A string is not valid UTF-8.", ex);
            }
        }

        public byte[]? Bytes()
        {
            var length = VarInt();
            return length == 0 ? null : Take(length - 1).ToArray();
        }

        private ReadOnlySpan<byte> Take(uint length)
        {
            if (length > (uint)(_buffer.Length - _position))
            {
                throw Truncated();
            }

            var span = _buffer.Slice(_position, (int)length);
            _position += (int)length;
            return span;
        }

        private static FormatException Truncated() => new("The message is truncated.");
    }
}
