import { resolveMediaTools } from '../media-tools';

describe('resolveMediaTools', () => {
  it('prefers FFMPEG_PATH / FFPROBE_PATH', () => {
    const tools = resolveMediaTools({
      ffmpegPath: '/usr/bin/ffmpeg',
      ffprobePath: '/usr/bin/ffprobe',
      searchPath: '',
    });
    expect(tools).toMatchObject({
      ffmpeg: '/usr/bin/ffmpeg',
      sources: { ffmpeg: 'env', ffprobe: 'env' },
    });
  });

  it('refuses an explicit path that is not executable', () => {
    expect(() =>
      resolveMediaTools({ ffmpegPath: '/nonexistent/ffmpeg', searchPath: process.env.PATH }),
    ).toThrow(/not an executable/);
  });

  it('then looks on PATH', () => {
    const tools = resolveMediaTools({ searchPath: `/nonexistent:${process.env.PATH ?? ''}` });
    expect(tools.sources).toEqual({ ffmpeg: 'system', ffprobe: 'system' });
    expect(tools.ffmpeg).toMatch(/\/ffmpeg$/);
  });

  it('falls back to the optional npm packages when PATH has none (or says how to get one)', () => {
    let installed = true;
    try {
      require.resolve('@ffmpeg-installer/ffmpeg');
      require.resolve('@ffprobe-installer/ffprobe');
    } catch {
      installed = false;
    }
    if (installed) {
      const tools = resolveMediaTools({ searchPath: '/nonexistent' });
      expect(tools.sources).toEqual({ ffmpeg: 'npm', ffprobe: 'npm' });
      expect(tools.ffmpeg).toContain('@ffmpeg-installer');
    } else {
      expect(() => resolveMediaTools({ searchPath: '/nonexistent' })).toThrow(/FFMPEG_PATH/);
    }
  });
});
