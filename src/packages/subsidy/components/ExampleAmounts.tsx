import { View } from '@tarojs/components';
import './ExampleAmounts.scss';

/** Said once per page where the amounts are the demo's examples, not a published standard. */
export default function ExampleAmounts() {
  return (
    <View id='subsidy-example-amounts' className='subsidy-example-amounts' role='note'>
      金额说明：方案未规定具体标准，本页金额为演示用示例金额，以正式文件为准。
    </View>
  );
}
