namespace ImnmDecision.Engine.Batch;

/// <summary>
/// Skips an element of a JSON array that is longer than a row may be, as its bytes arrive and without holding
/// them: it follows strings (and their escapes) and the nesting of brackets and braces until the element ends.
/// Its syntax is not checked (the row is refused for its size whatever it holds); what follows it must still be a
/// ',' or the ']' of the array, as after any element.
/// </summary>
internal struct OversizedElement
{
    private int depth;
    private bool inString;
    private bool escaped;

    /// <summary>Whether an element is being skipped.</summary>
    public bool Skipping { get; private set; }

    /// <summary>The line the skipped element starts on.</summary>
    public long Line { get; private set; }

    /// <summary>Starts skipping the element whose first byte is the first byte of the next <see cref="Scan"/>.</summary>
    public void Start(long line)
    {
        Skipping = true;
        Line = line;
        depth = 0;
        inString = false;
        escaped = false;
    }

    /// <summary>
    /// Reads on: the number of bytes of <paramref name="data"/> that belong to the element, and whether the element
    /// ended in them (then skipping stops).
    /// </summary>
    public bool Scan(ReadOnlySpan<byte> data, out int length)
    {
        for (var i = 0; i < data.Length; i++)
        {
            var b = data[i];
            if (inString)
            {
                if (escaped)
                {
                    escaped = false;
                }
                else if (b == (byte)'\\')
                {
                    escaped = true;
                }
                else if (b == (byte)'"')
                {
                    inString = false;
                    if (depth == 0)
                    {
                        return End(i + 1, out length);
                    }
                }

                continue;
            }

            switch (b)
            {
                case (byte)'"':
                    inString = true;
                    break;
                case (byte)'{' or (byte)'[':
                    depth++;
                    break;
                case (byte)'}' or (byte)']' when depth > 0:
                    if (--depth == 0)
                    {
                        return End(i + 1, out length);
                    }

                    break;
                case (byte)',' or (byte)']' or (byte)'}' or (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' when depth == 0:
                    // A number or a literal ends before the separator that follows it.
                    return End(i, out length);
            }
        }

        length = data.Length;
        return false;
    }

    private bool End(int at, out int length)
    {
        Skipping = false;
        length = at;
        return true;
    }
}
