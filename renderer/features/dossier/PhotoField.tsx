import { useEffect, useRef, useState, type ChangeEvent, type KeyboardEvent, type PointerEvent } from 'react';
import { Alert, App, Button, Modal, Popconfirm, Slider, Space, Typography } from 'antd';
import { DeleteOutlined, UndoOutlined, UploadOutlined, ZoomInOutlined, ZoomOutOutlined } from '@ant-design/icons';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Cadre } from '../../../shared/domain/cadre';
import { db } from '../../db/instance';
import { getBlob, setCadrePhoto } from '../../db/blobs';
import type { WriteContext } from '../../db/repository';
import { messageOf } from '../../api';
import {
  MAX_ZOOM,
  MIN_ZOOM,
  PHOTO_ACCEPT,
  PHOTO_OUTPUT,
  checkPhotoFile,
  clampPan,
  clampZoom,
  cropRect,
  isLowResolution,
  panByDrag,
  panByKey,
  type Pan,
  type Size,
} from './photoCrop';

/** The photo frame on the dossier page, in CSS pixels (4:5). */
const FRAME = { width: 120, height: 150 } as const;
/** The crop preview in the dialog, in CSS pixels (4:5). */
const PREVIEW = { width: 280, height: 350 } as const;
const ZOOM_STEP = 0.25;

/** An object URL for the blob while it is shown, revoked when it changes or the component goes away. */
function useObjectUrl(blob: Blob | null | undefined): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!blob) {
      setUrl(null);
      return;
    }
    const next = URL.createObjectURL(blob);
    setUrl(next);
    return () => URL.revokeObjectURL(next);
  }, [blob]);
  return url;
}

/** Draws the crop to a canvas of the stored size and encodes it as JPEG. */
async function renderCrop(source: ImageBitmap, zoom: number, pan: Pan): Promise<Blob> {
  const rect = cropRect(source, zoom, pan);
  const canvas = document.createElement('canvas');
  canvas.width = PHOTO_OUTPUT.width;
  canvas.height = PHOTO_OUTPUT.height;
  const g = canvas.getContext('2d');
  if (!g) throw new Error('无法生成照片：画布不可用');
  g.imageSmoothingEnabled = true;
  g.imageSmoothingQuality = 'high';
  g.fillStyle = '#ffffff'; // a transparent PNG gets a white background, not JPEG's black
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.drawImage(source, rect.x, rect.y, rect.width, rect.height, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.9));
  if (!blob) throw new Error('无法生成照片，请重试');
  return blob;
}

/** 裁剪照片: a 4:5 preview of exactly what will be stored; zoom with the slider, move by dragging or arrow keys. */
function CropDialog({ source, onCancel, onSave }: { source: ImageBitmap; onCancel: () => void; onSave: (photo: Blob) => Promise<void> }) {
  const { message } = App.useApp();
  const image: Size = { width: source.width, height: source.height };
  const [zoom, setZoomState] = useState(MIN_ZOOM);
  const [pan, setPan] = useState<Pan>({ x: 0, y: 0 });
  const [saving, setSaving] = useState(false);
  // a state, not a ref: the Modal mounts its body after this component's first effects have run
  const [canvas, setCanvas] = useState<HTMLCanvasElement | null>(null);
  const drag = useRef<{ id: number; x: number; y: number } | null>(null);
  const rect = cropRect(image, zoom, pan);

  const setZoom = (value: number) => {
    const z = clampZoom(value);
    setZoomState(z);
    setPan((p) => clampPan(image, z, p));
  };

  useEffect(() => {
    const g = canvas?.getContext('2d');
    if (!canvas || !g) return;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(PREVIEW.width * ratio);
    canvas.height = Math.round(PREVIEW.height * ratio);
    const { width: w, height: h } = canvas;
    g.fillStyle = '#ffffff';
    g.fillRect(0, 0, w, h);
    g.imageSmoothingQuality = 'high';
    g.drawImage(source, rect.x, rect.y, rect.width, rect.height, 0, 0, w, h);
    // guides: thirds, and where a head usually sits on a 证件照
    g.save();
    g.strokeStyle = 'rgba(255, 255, 255, 0.7)';
    g.lineWidth = ratio;
    g.setLineDash([4 * ratio, 4 * ratio]);
    g.beginPath();
    for (const f of [1 / 3, 2 / 3]) {
      g.moveTo(w * f, 0);
      g.lineTo(w * f, h);
      g.moveTo(0, h * f);
      g.lineTo(w, h * f);
    }
    g.stroke();
    // a white halo under the blue dashes keeps the head guide visible on a blue or white background alike
    g.beginPath();
    g.ellipse(w / 2, h * 0.4, w * 0.27, h * 0.25, 0, 0, Math.PI * 2);
    g.setLineDash([]);
    g.lineWidth = 3 * ratio;
    g.strokeStyle = 'rgba(255, 255, 255, 0.8)';
    g.stroke();
    g.setLineDash([6 * ratio, 4 * ratio]);
    g.lineWidth = 1.5 * ratio;
    g.strokeStyle = 'rgb(22, 119, 255)';
    g.stroke();
    g.restore();
  }, [canvas, source, rect.x, rect.y, rect.width, rect.height]);

  const onPointerDown = (e: PointerEvent<HTMLCanvasElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    e.currentTarget.focus();
    drag.current = { id: e.pointerId, x: e.clientX, y: e.clientY };
  };
  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>) => {
    const last = drag.current;
    if (!last || last.id !== e.pointerId) return;
    const dx = e.clientX - last.x;
    const dy = e.clientY - last.y;
    drag.current = { id: e.pointerId, x: e.clientX, y: e.clientY };
    setPan((p) => panByDrag(image, zoom, p, dx, dy, PREVIEW.width));
  };
  const endDrag = () => {
    drag.current = null;
  };
  const onKeyDown = (e: KeyboardEvent<HTMLCanvasElement>) => {
    if (e.key === '+' || e.key === '=') setZoom(zoom + ZOOM_STEP);
    else if (e.key === '-') setZoom(zoom - ZOOM_STEP);
    else {
      const next = panByKey(image, zoom, pan, e.key, e.shiftKey);
      if (!next) return;
      setPan(next);
    }
    e.preventDefault();
  };

  const save = async () => {
    setSaving(true);
    try {
      await onSave(await renderCrop(source, zoom, pan));
    } catch (error) {
      message.error(messageOf(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title="裁剪照片"
      okText="确定"
      cancelText="取消"
      onOk={save}
      onCancel={onCancel}
      confirmLoading={saving}
      maskClosable={false}
      width={480}
      destroyOnHidden
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%', alignItems: 'center' }} data-testid="photo-crop">
        <Typography.Text type="secondary">拖动或按方向键移动照片，用滑块缩放；蓝色虚线为头部参考位置。</Typography.Text>
        <canvas
          ref={setCanvas}
          tabIndex={0}
          role="img"
          aria-label="裁剪预览（拖动或按方向键移动照片，按加号、减号缩放）"
          data-testid="photo-crop-preview"
          style={{
            width: PREVIEW.width,
            height: PREVIEW.height,
            display: 'block',
            border: '1px solid #d9d9d9',
            cursor: 'move',
            touchAction: 'none',
          }}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={endDrag}
          onPointerCancel={endDrag}
          onKeyDown={onKeyDown}
        />
        <Space style={{ width: PREVIEW.width }}>
          <Button icon={<ZoomOutOutlined />} aria-label="缩小" onClick={() => setZoom(zoom - ZOOM_STEP)} disabled={zoom <= MIN_ZOOM} />
          <Slider
            min={MIN_ZOOM}
            max={MAX_ZOOM}
            step={0.05}
            value={zoom}
            onChange={setZoom}
            ariaLabelForHandle="缩放"
            tooltip={{ formatter: (v) => `${(v ?? 1).toFixed(2)}×` }}
            style={{ width: 150, margin: '0 4px' }}
          />
          <Button icon={<ZoomInOutlined />} aria-label="放大" onClick={() => setZoom(zoom + ZOOM_STEP)} disabled={zoom >= MAX_ZOOM} />
          <Button
            icon={<UndoOutlined />}
            aria-label="复位"
            title="复位"
            onClick={() => {
              setZoomState(MIN_ZOOM);
              setPan({ x: 0, y: 0 });
            }}
          />
        </Space>
        <Typography.Text type="secondary" data-testid="photo-crop-info">
          原图 {image.width}×{image.height} 像素，缩放 {zoom.toFixed(2)} 倍，保存为 {PHOTO_OUTPUT.width}×{PHOTO_OUTPUT.height} 像素
        </Typography.Text>
        {isLowResolution(rect) && (
          <Alert
            type="warning"
            showIcon
            title={`所选区域只有 ${Math.round(rect.width)}×${Math.round(rect.height)} 像素，打印时可能不清晰，建议换一张清晰些的照片或缩小缩放倍数。`}
          />
        )}
      </Space>
    </Modal>
  );
}

/** The cadre's photo on the dossier page: shown in a 4:5 frame; upload (with a 4:5 crop), replace, delete. */
export function PhotoField({ cadre, ctx }: { cadre: Cadre; ctx: WriteContext }) {
  const { message } = App.useApp();
  const stored = useLiveQuery(
    async () => ({ hash: cadre.photo, entry: cadre.photo ? ((await getBlob(db, cadre.photo)) ?? null) : null }),
    [cadre.photo],
  );
  const url = useObjectUrl(stored?.entry?.data);
  const inputRef = useRef<HTMLInputElement>(null);
  const [source, setSource] = useState<ImageBitmap | null>(null);

  // the decoded image holds memory outside the JS heap: release it when the dialog closes
  useEffect(() => () => source?.close(), [source]);

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = ''; // picking the same file again must fire again
    if (!file) return;
    const refusal = checkPhotoFile(file);
    if (refusal) {
      message.error(refusal);
      return;
    }
    try {
      setSource(await createImageBitmap(file));
    } catch {
      message.error(`无法读取“${file.name}”：文件已损坏或不是 JPG、PNG 图片，请重新选择`);
    }
  };

  const save = async (photo: Blob) => {
    try {
      await setCadrePhoto(db, ctx, cadre.id, photo);
      message.success('照片已保存');
      setSource(null);
    } catch (error) {
      message.error(messageOf(error));
    }
  };

  const remove = async () => {
    try {
      await setCadrePhoto(db, ctx, cadre.id, null);
      message.success('照片已删除');
    } catch (error) {
      message.error(messageOf(error));
    }
  };

  const missing = Boolean(cadre.photo && stored && stored.hash === cadre.photo && !stored.entry);
  return (
    <div data-testid="photo-field" style={{ width: FRAME.width, flexShrink: 0 }}>
      <div
        style={{
          width: FRAME.width,
          height: FRAME.height,
          border: '1px solid #d9d9d9',
          borderRadius: 4,
          background: '#fafafa',
          overflow: 'hidden',
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'center',
        }}
      >
        {url ? (
          <img
            src={url}
            alt={`${cadre.name}的照片`}
            data-testid="cadre-photo"
            style={{ width: '100%', height: '100%', objectFit: 'cover', display: 'block' }}
          />
        ) : (
          <Typography.Text type="secondary" style={{ fontSize: missing ? 12 : 16, textAlign: 'center', padding: 8 }}>
            {missing ? '照片文件尚未导入' : '照片'}
          </Typography.Text>
        )}
      </div>
      <input
        ref={inputRef}
        type="file"
        accept={PHOTO_ACCEPT}
        aria-label="选择照片文件"
        data-testid="photo-input"
        style={{ display: 'none' }}
        onChange={(e) => void onFile(e)}
      />
      <Space orientation="vertical" size={4} style={{ width: '100%', marginTop: 8 }}>
        <Button size="small" block icon={<UploadOutlined />} onClick={() => inputRef.current?.click()}>
          {cadre.photo ? '更换照片' : '上传照片'}
        </Button>
        {cadre.photo && (
          <Popconfirm title="确定删除这张照片吗？" okText="删除" cancelText="取消" onConfirm={remove}>
            <Button size="small" block danger icon={<DeleteOutlined />}>
              删除照片
            </Button>
          </Popconfirm>
        )}
      </Space>
      {source && <CropDialog source={source} onCancel={() => setSource(null)} onSave={save} />}
    </div>
  );
}
