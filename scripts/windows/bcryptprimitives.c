/*
 * A stand-in for Windows' bcryptprimitives.dll, for running nianbao.exe under wine 8 only.
 *
 * Rust >= 1.78's standard library gets random bytes (HashMap seeds) from ProcessPrng in
 * bcryptprimitives.dll. Windows 10 and 11 have it; wine 8.0 does not, and without it the exe
 * exits with status 53 before main and prints nothing. This stub exports ProcessPrng and forwards
 * to RtlGenRandom (advapi32's SystemFunction036), which wine has.
 *
 * Never ship it: on a real PC the system's own DLL must be used.
 */
#include <windows.h>

/* RtlGenRandom is exported by advapi32.dll under this name. */
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

/* Same contract as Windows': fills the buffer, always returns TRUE. */
BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x7fffffff ? 0x7fffffff : (ULONG)length;
        if (!SystemFunction036(data, chunk)) {
            return FALSE;
        }
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
