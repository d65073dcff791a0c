import { useEffect, useRef } from 'react';
import { Canvas, View } from '@tarojs/components';
import type { CanvasTouchEvent } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ChartOption } from '../../charts/options';
import { echarts, type EChartsCoreOption, type EChartsType } from '../../charts/echarts';
import './index.scss';

export interface EChartProps {
  /** DOM / canvas id, unique on the page. */
  id: string;
  option: ChartOption;
  /** Height in CSS px. */
  height?: number;
}

/** The minimal canvas-like object zrender needs, over a weapp `type="2d"` canvas node (after ec-canvas). */
class MiniProgramCanvas {
  constructor(
    private readonly node: Taro.Canvas,
    private readonly ctx: Taro.RenderingContext,
  ) {}

  getContext(kind: string): Taro.RenderingContext | null {
    return kind === '2d' ? this.ctx : null;
  }

  get width(): number {
    return this.node.width;
  }

  set width(value: number) {
    this.node.width = value;
  }

  get height(): number {
    return this.node.height;
  }

  set height(value: number) {
    this.node.height = value;
  }

  // zrender binds DOM events on its root; a canvas node has none, touches are forwarded below.
  addEventListener(): void {}

  removeEventListener(): void {}

  attachEvent(): void {}

  detachEvent(): void {}
}

function touchPoint(event: CanvasTouchEvent): { zrX: number; zrY: number } | undefined {
  const touch = event.touches[0] ?? event.changedTouches[0];
  return touch ? { zrX: touch.x, zrY: touch.y } : undefined;
}

/**
 * One echarts chart in both builds: in h5 echarts draws into a DOM node; in weapp into a 2d canvas
 * node, with taps forwarded so tooltips work.
 */
export default function EChart({ id, option, height = 320 }: EChartProps) {
  const chart = useRef<EChartsType>();
  const latest = useRef(option);
  latest.current = option;

  useEffect(() => {
    let disposed = false;
    const onResize = () => chart.current?.resize();
    if (process.env.TARO_ENV === 'h5') {
      const el = document.getElementById(id);
      if (el) {
        chart.current = echarts.init(el, undefined, { renderer: 'canvas' });
        chart.current.setOption(latest.current as EChartsCoreOption);
        window.addEventListener('resize', onResize);
      }
    } else {
      Taro.nextTick(() => {
        Taro.createSelectorQuery()
          .select(`#${id}`)
          .fields({ node: true, size: true })
          .exec((res: Array<{ node?: Taro.Canvas; width: number; height: number } | null>) => {
            const found = res[0];
            if (disposed || !found?.node) return;
            const node = found.node;
            const ctx = node.getContext('2d') as Taro.RenderingContext & { font: string; measureText(text: string): { width: number } };
            const dpr = Taro.getSystemInfoSync().pixelRatio;
            // zrender measures text on a canvas of its own, which a mini program cannot create from nothing.
            echarts.setPlatformAPI({
              measureText(text: string, font?: string) {
                ctx.font = font || '12px sans-serif';
                return ctx.measureText(text);
              },
            });
            const canvas = new MiniProgramCanvas(node, ctx);
            chart.current = echarts.init(canvas as unknown as HTMLElement, undefined, { width: found.width, height: found.height, devicePixelRatio: dpr });
            chart.current.setOption(latest.current as EChartsCoreOption);
          });
      });
    }
    return () => {
      disposed = true;
      if (process.env.TARO_ENV === 'h5') window.removeEventListener('resize', onResize);
      chart.current?.dispose();
      chart.current = undefined;
    };
  }, [id]);

  useEffect(() => {
    chart.current?.setOption(option as EChartsCoreOption, true);
  }, [option]);

  if (process.env.TARO_ENV === 'h5') {
    return <View id={id} className='ll-echart' style={{ height: `${height}px` }} />;
  }
  const forward = (type: 'mousedown' | 'mousemove' | 'mouseup' | 'click') => (event: CanvasTouchEvent) => {
    const point = touchPoint(event);
    const handler = chart.current?.getZr().handler;
    if (!point || !handler) return;
    handler.dispatch(type, point);
    if (type === 'mouseup') handler.dispatch('click', point);
  };
  return (
    <View className='ll-echart' style={{ height: `${height}px` }}>
      <Canvas
        type='2d'
        id={id}
        canvasId={id}
        className='ll-echart__canvas'
        onTouchStart={forward('mousedown')}
        onTouchMove={forward('mousemove')}
        onTouchEnd={forward('mouseup')}
      />
    </View>
  );
}
