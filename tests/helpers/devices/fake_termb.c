/*
 * A stand-in for a vendor's termb-style ID card library, for tests of TermbSdkReader and
 * photo.decode_photo. Built by a pytest fixture with `cc -shared -fPIC`.
 *
 * Its state lives in the directory named by FAKE_TERMB_DIR and is read again on every
 * call, so a test can change it between reads:
 *
 *   init          CVR_InitComm's return value (text); 1 when absent
 *   auth          CVR_Authenticate's return value; when absent 1 with a card/ directory,
 *                 2 ("no card") without one
 *   read          CVR_Read_Content's return value; 1 when absent
 *   card/<getter> the bytes a getter returns (GBK for text), e.g. card/GetPeopleName;
 *                 a getter whose file is absent returns 0
 *   card/<getter>.once  returned once instead of card/<getter>, then deleted: a read
 *                 that went wrong once
 *   wlt2bmp       wlt2bmp's return value; 1 when absent
 *   calls         appended by every CVR_ call: "<function> <argument>\n"
 *
 * Like a real SDK, CVR_Authenticate answers 4 ("not connected") until CVR_InitComm has
 * succeeded, and again after CVR_CloseComm.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int comm_open = 0;

static int state_path(char *path, size_t size, const char *name) {
    const char *dir = getenv("FAKE_TERMB_DIR");
    if (dir == NULL) {
        return 0;
    }
    return snprintf(path, size, "%s/%s", dir, name) < (int)size;
}

/* Reads up to `capacity` bytes of state file `name`; -1 when it does not exist. */
static long read_state(const char *name, unsigned char *out, long capacity) {
    char path[4096];
    if (!state_path(path, sizeof path, name)) {
        return -1;
    }
    FILE *file = fopen(path, "rb");
    if (file == NULL) {
        return -1;
    }
    long count = (long)fread(out, 1, (size_t)capacity, file);
    fclose(file);
    return count;
}

static int state_int(const char *name, int fallback) {
    unsigned char text[32];
    long count = read_state(name, text, (long)sizeof text - 1);
    if (count <= 0) {
        return fallback;
    }
    text[count] = '\0';
    return atoi((const char *)text);
}

static int state_exists(const char *name) {
    char path[4096];
    FILE *file;
    if (!state_path(path, sizeof path, name)) {
        return 0;
    }
    file = fopen(path, "rb");
    if (file == NULL) {
        return 0;
    }
    fclose(file);
    return 1;
}

static void log_call(const char *function, int argument) {
    char path[4096];
    if (!state_path(path, sizeof path, "calls")) {
        return;
    }
    FILE *file = fopen(path, "a");
    if (file != NULL) {
        fprintf(file, "%s %d\n", function, argument);
        fclose(file);
    }
}

int CVR_InitComm(int port) {
    log_call("CVR_InitComm", port);
    int result = state_int("init", 1);
    comm_open = result == 1;
    return result;
}

int CVR_Authenticate(void) {
    log_call("CVR_Authenticate", 0);
    if (!comm_open) {
        return 4;
    }
    return state_int("auth", state_exists("card/GetPeopleName") ? 1 : 2);
}

int CVR_Read_Content(int active) {
    log_call("CVR_Read_Content", active);
    return state_int("read", 1);
}

int CVR_CloseComm(void) {
    log_call("CVR_CloseComm", 0);
    comm_open = 0;
    return 1;
}

/* Reads card/<name>.once, then deletes it: what one read gives before later ones. */
static long read_once(const char *name, unsigned char *out, long capacity) {
    char file[256];
    char path[4096];
    snprintf(file, sizeof file, "card/%s.once", name);
    long count = read_state(file, out, capacity);
    if (count >= 0 && state_path(path, sizeof path, file)) {
        remove(path);
    }
    return count;
}

/* A getter: copies card/<name> into buf, at most *len bytes when *len is positive. */
static int get_field(const char *name, unsigned char *buf, int *len) {
    static unsigned char data[1 << 16];
    char file[256];
    snprintf(file, sizeof file, "card/%s", name);
    long count = read_once(name, data, (long)sizeof data);
    if (count < 0) {
        count = read_state(file, data, (long)sizeof data);
    }
    if (count < 0) {
        return 0;
    }
    if (*len > 0 && count > *len) {
        count = *len;
    }
    memcpy(buf, data, (size_t)count);
    if (count < *len) {
        buf[count] = '\0';
    }
    *len = (int)count;
    return 1;
}

int GetPeopleName(unsigned char *buf, int *len) { return get_field("GetPeopleName", buf, len); }
int GetPeopleSex(unsigned char *buf, int *len) { return get_field("GetPeopleSex", buf, len); }
int GetPeopleNation(unsigned char *buf, int *len) { return get_field("GetPeopleNation", buf, len); }
int GetPeopleBirthday(unsigned char *buf, int *len) {
    return get_field("GetPeopleBirthday", buf, len);
}
int GetPeopleAddress(unsigned char *buf, int *len) {
    return get_field("GetPeopleAddress", buf, len);
}
int GetPeopleIDCode(unsigned char *buf, int *len) { return get_field("GetPeopleIDCode", buf, len); }
int GetDepartment(unsigned char *buf, int *len) { return get_field("GetDepartment", buf, len); }
int GetStartDate(unsigned char *buf, int *len) { return get_field("GetStartDate", buf, len); }
int GetEndDate(unsigned char *buf, int *len) { return get_field("GetEndDate", buf, len); }
int GetBMPData(unsigned char *buf, int *len) { return get_field("GetBMPData", buf, len); }

/*
 * A WLT decoder's shape: 1024 WLT bytes in, a 102x126 24-bit BMP out. The "decoding" is
 * a grey ramp taken from the input bytes, so a test can tell which input produced it.
 */
#define WIDTH 102
#define HEIGHT 126
#define ROW_BYTES ((WIDTH * 3 + 3) & ~3)
#define PIXEL_BYTES (ROW_BYTES * HEIGHT)
#define FILE_BYTES (54 + PIXEL_BYTES)

static void put_le32(unsigned char *at, unsigned long value) {
    at[0] = (unsigned char)(value & 0xFF);
    at[1] = (unsigned char)((value >> 8) & 0xFF);
    at[2] = (unsigned char)((value >> 16) & 0xFF);
    at[3] = (unsigned char)((value >> 24) & 0xFF);
}

int wlt2bmp(const unsigned char *wlt, unsigned char *bmp, int flag) {
    (void)flag;
    int result = state_int("wlt2bmp", 1);
    if (result != 1) {
        return result;
    }
    memset(bmp, 0, FILE_BYTES);
    bmp[0] = 'B';
    bmp[1] = 'M';
    put_le32(bmp + 2, FILE_BYTES);
    put_le32(bmp + 10, 54);
    put_le32(bmp + 14, 40);
    put_le32(bmp + 18, WIDTH);
    put_le32(bmp + 22, HEIGHT);
    bmp[26] = 1;
    bmp[28] = 24;
    put_le32(bmp + 34, PIXEL_BYTES);
    for (int row = 0; row < HEIGHT; row++) {
        for (int column = 0; column < WIDTH * 3; column++) {
            bmp[54 + row * ROW_BYTES + column] = wlt[(row * WIDTH * 3 + column) % 1024];
        }
    }
    return 1;
}
