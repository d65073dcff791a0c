import Taro from '@tarojs/taro';

export interface ConfirmOptions {
  /** What will happen, in full sentences: the dialog has no title (h5 greys a titled dialog's message to 3.9:1). */
  content: string;
  /** The verb on the button, e.g. 通过、驳回、生成批次; never a bare 确定. WeChat shows at most 4 characters. */
  confirmText: string;
  /** Takes something away or refuses someone: the button is red. */
  danger?: boolean;
}

/**
 * A consequential staff action asks first: the dialog says what will happen and who will be told,
 * with 取消 (nothing happens) and the action's own verb.
 */
export async function confirmAction({ content, confirmText, danger = false }: ConfirmOptions): Promise<boolean> {
  const { confirm } = await Taro.showModal({
    content,
    confirmText,
    cancelText: '取消',
    // Brand blue and the danger red hold 4.5:1 on white; WeChat's default green does not.
    confirmColor: danger ? '#c9303f' : '#1660d6',
  });
  return confirm;
}
