namespace Aircall.CallSync.Testing.Media;

/// <summary>
/// One embedded MP3 file, split into its ID3v2 tag and its MPEG audio frames (Layer III, constant bit rate, no bit
/// reservoir: every frame decodes on its own, so the frames can be repeated to make a longer valid file).
/// </summary>
internal sealed class Mp3Source
{
    private static readonly int[] s_bitratesV1 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
    private static readonly int[] s_bitratesV2 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
    private static readonly int[][] s_sampleRates = [[11025, 12000, 8000], [], [22050, 24000, 16000], [44100, 48000, 32000]];

    private Mp3Source(string title, byte[] file, int tagLength, int[] frameLengths)
    {
        Title = title;
        File = file;
        TagLength = tagLength;
        FrameLengths = frameLengths;
    }

    /// <summary>The title written into the ID3 tag of the sized variants.</summary>
    public string Title { get; }

    /// <summary>The whole file, as embedded.</summary>
    public byte[] File { get; }

    /// <summary>The length of the ID3v2 tag at the start (0 when there is none).</summary>
    public int TagLength { get; }

    /// <summary>The audio frames, back to back, after the tag.</summary>
    public ReadOnlyMemory<byte> Frames => File.AsMemory(TagLength);

    /// <summary>The length of each frame, in order.</summary>
    public int[] FrameLengths { get; }

    /// <summary>Loads an MP3 embedded in this assembly (<c>Media/Audio/{name}</c>).</summary>
    public static Mp3Source Load(string name, string title)
    {
        using var stream = typeof(Mp3Source).Assembly.GetManifestResourceStream("Aircall.CallSync.Testing.Media.Audio." + name)
            ?? throw new InvalidOperationException($"The embedded audio file '{name}' is missing from Aircall.CallSync.Testing.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return Parse(copy.ToArray(), title);
    }

    /// <summary>Splits <paramref name="file"/>; throws when it is not an ID3v2 tag followed by MPEG Layer III frames only.</summary>
    public static Mp3Source Parse(byte[] file, string title)
    {
        var tag = 0;
        if (file.Length >= 10 && file[0] == 'I' && file[1] == 'D' && file[2] == '3')
        {
            tag = 10 + ((file[6] & 0x7F) << 21 | (file[7] & 0x7F) << 14 | (file[8] & 0x7F) << 7 | (file[9] & 0x7F));
        }

        var lengths = new List<int>();
        for (var at = tag; at < file.Length;)
        {
            var length = FrameLength(file.AsSpan(at));
            if (length <= 0 || at + length > file.Length)
            {
                throw new InvalidDataException($"The audio file '{title}' has no valid MPEG Layer III frame at byte {at}.");
            }

            lengths.Add(length);
            at += length;
        }

        if (lengths.Count == 0)
        {
            throw new InvalidDataException($"The audio file '{title}' has no MPEG audio frames.");
        }

        return new Mp3Source(title, file, tag, [.. lengths]);
    }

    /// <summary>The length of the MPEG Layer III frame whose header starts <paramref name="data"/>, or 0.</summary>
    public static int FrameLength(ReadOnlySpan<byte> data)
    {
        if (data.Length < 4 || data[0] != 0xFF || (data[1] & 0xE0) != 0xE0)
        {
            return 0;
        }

        var version = (data[1] >> 3) & 0x3; // 0: MPEG 2.5, 2: MPEG 2, 3: MPEG 1
        var layer = (data[1] >> 1) & 0x3; // 1: Layer III
        var bitrateIndex = data[2] >> 4;
        var rateIndex = (data[2] >> 2) & 0x3;
        if (version == 1 || layer != 1 || bitrateIndex is 0 or 15 || rateIndex == 3)
        {
            return 0;
        }

        var bitrate = (version == 3 ? s_bitratesV1 : s_bitratesV2)[bitrateIndex] * 1000;
        var sampleRate = s_sampleRates[version][rateIndex];
        var padding = (data[2] >> 1) & 0x1;
        return ((version == 3 ? 144 : 72) * bitrate / sampleRate) + padding;
    }
}
